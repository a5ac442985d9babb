package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.ItemState;

import java.util.List;

/**
 * Reconcile chose {@code action} to resolve the drifts listed; the action's own event follows in the same unit of
 * work, so the history shows both who reconciled and what moved.
 */
public record DriftReconciled(String itemId, String action, List<String> drifts) implements WorkItemEvent {

    public DriftReconciled {
        drifts = List.copyOf(drifts);
    }

    @Override
    public ItemState evolve(ItemState state) {
        return state;
    }
}
