package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.ReleasePreparation;

public record ReleasePrepared(String itemId, ReleasePreparation preparation) implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state.withReleasePreparation(preparation);
    }
}
