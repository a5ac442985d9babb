package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;

import java.time.Instant;

/** A truth signal changed value. The lane does not move: a disagreement is drift, shown until it is reconciled. */
public record TruthSignalReported(String itemId, TruthSignal signal, String value, Instant observedAt)
        implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state.withSignals(state.signals().with(signal, value));
    }
}
