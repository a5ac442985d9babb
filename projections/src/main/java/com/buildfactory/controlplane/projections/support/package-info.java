/**
 * What the read models share: one fold of each item's state per event ({@link
 * com.buildfactory.controlplane.projections.support.ItemFold}, with the one skip rule), the row rules each read model
 * implements ({@link com.buildfactory.controlplane.projections.support.ReadModel}), and the contracts of a bulk
 * rebuild.
 */
package com.buildfactory.controlplane.projections.support;
