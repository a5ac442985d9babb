/**
 * The item read model: each item's evolved state, its version and the columns the item list and the board filter
 * on. It is the read side's one copy of each item's state.
 */
package com.buildfactory.controlplane.projections.itempage;
