/** What the read models share: evolving an item's state row by row, exactly once per event. */
package com.buildfactory.controlplane.projections.support;
