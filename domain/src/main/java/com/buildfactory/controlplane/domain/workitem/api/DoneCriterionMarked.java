package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;

public record DoneCriterionMarked(String itemId, String criterion, boolean met) implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state.withCriterionMet(criterion, met);
    }
}
