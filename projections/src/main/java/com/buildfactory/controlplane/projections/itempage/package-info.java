/** The item read model: each item's evolved state, its version and the columns the item list filters on. */
package com.buildfactory.controlplane.projections.itempage;
