package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;

/** The item moved from Ready to In Progress; the execution handoff is queued. */
public record ExecutionStarted(String itemId) implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state.movedTo(Lane.IN_PROGRESS);
    }
}
