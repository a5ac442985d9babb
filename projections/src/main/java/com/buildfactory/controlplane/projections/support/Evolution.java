package com.buildfactory.controlplane.projections.support;

import com.buildfactory.controlplane.domain.workitem.ItemState;

/** One event applied to one item's row: the state before (null at creation) and after, and the event's version. */
public record Evolution(ItemState before, ItemState after, long version) {

    public boolean created() {
        return before == null;
    }

    public boolean laneChanged() {
        return before == null || before.lane() != after.lane();
    }
}
