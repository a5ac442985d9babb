package com.buildfactory.controlplane.projections.history;

import com.buildfactory.controlplane.domain.workitem.ItemState;

import java.time.Instant;

/** One recorded history snapshot: the item's state at version {@code version}, log position {@code position}. */
public record HistorySnapshot(String itemId, long version, long position, Instant recordedAt, String actor,
                              String note, ItemState state) {
}
