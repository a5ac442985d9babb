/**
 * What the read models share: evolving an item's state exactly once per event, row by row when live and folded in
 * memory when rebuilt in bulk, and the contracts of a bulk rebuild.
 */
package com.buildfactory.controlplane.projections.support;
