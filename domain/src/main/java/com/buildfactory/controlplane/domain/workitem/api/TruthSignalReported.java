package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;

/**
 * A truth signal changed value. The lane does not move: a disagreement is drift, shown until it is reconciled.
 * {@code observedAt} is the ISO-8601 instant the reporter saw it, kept as text so the stored event needs no
 * date-time support from whatever reads the log.
 */
public record TruthSignalReported(String itemId, TruthSignal signal, String value, String observedAt)
        implements WorkItemEvent {

    @Override
    public ItemState evolve(ItemState state) {
        return state.withSignals(state.signals().with(signal, value));
    }
}
