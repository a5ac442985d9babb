package com.buildfactory.controlplane.projections.itempage;

import com.buildfactory.controlplane.domain.workitem.ItemState;

import java.time.Instant;

/** One item as the read model holds it: its state, version, and the global log positions it was built from. */
public record StoredItem(ItemState state, long version, long createdPosition, long lastPosition, Instant createdAt,
                         Instant updatedAt) {
}
