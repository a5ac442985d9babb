package com.buildfactory.controlplane.projections.support;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;

import java.util.Optional;

/** The in-memory counterpart of {@link EvolvingRows}: one item's state and version, evolved by the same rule. */
public final class FoldedItem {

    private ItemState state;
    private long version = -1;

    public Optional<Evolution> evolve(WorkItemEvent event, long sequenceNumber) {
        Optional<Evolution> evolution = Evolution.of(state != null, version, () -> state, event, sequenceNumber);
        evolution.ifPresent(e -> {
            state = e.after();
            version = e.version();
        });
        return evolution;
    }

    /** Null until the item's creation was applied. */
    public ItemState state() {
        return state;
    }

    public long version() {
        return version;
    }
}
