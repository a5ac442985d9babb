package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;

public record FollowUpCreated(String itemId, String followUpId) implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state.withFollowUp(followUpId);
    }
}
