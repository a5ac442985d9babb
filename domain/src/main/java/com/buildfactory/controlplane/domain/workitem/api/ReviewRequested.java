package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;

/** The item moved from In Progress to Review. */
public record ReviewRequested(String itemId) implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state.movedTo(Lane.REVIEW);
    }
}
