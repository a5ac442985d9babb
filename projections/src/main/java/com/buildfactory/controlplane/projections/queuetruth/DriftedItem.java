package com.buildfactory.controlplane.projections.queuetruth;

import com.buildfactory.controlplane.domain.workitem.ItemState;

import java.time.Instant;

/** An item that drifts, with the moment its drift began and the log position of the event that began it. */
public record DriftedItem(ItemState state, long version, Instant driftSince, long driftPosition) {
}
