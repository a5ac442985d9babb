package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;

/** An actor asked for a history snapshot; the history read model captures the page at this event's position. */
public record HistoryRecorded(String itemId, String note) implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state;
    }
}
