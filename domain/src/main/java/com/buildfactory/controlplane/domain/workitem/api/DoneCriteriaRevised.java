package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.ItemState;

import java.util.List;

public record DoneCriteriaRevised(String itemId, List<DoneCriterion> doneCriteria) implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state.withDoneCriteria(doneCriteria);
    }
}
