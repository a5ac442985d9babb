package com.buildfactory.controlplane.domain.truth;

import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.workitem.ItemState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What reconciling an item would do: nothing (consistent), one action that every resolvable drift agrees on, or
 * nothing because no action can resolve the drift or the drifts ask for different actions.
 */
public record Reconciliation(List<Drift> drifts, ActionType action, List<ActionType> conflicting) {

    public static final String CONSISTENT = "No reconciliation required; item truth signals are consistent.";

    public Reconciliation {
        drifts = List.copyOf(drifts);
        conflicting = List.copyOf(conflicting);
    }

    public static Reconciliation of(ItemState item) {
        List<Drift> drifts = DriftDetector.detect(item);
        List<ActionType> actions = drifts.stream().map(Drift::resolvedBy).filter(a -> a != null).distinct().toList();
        if (actions.size() == 1) {
            return new Reconciliation(drifts, actions.get(0), List.of());
        }
        return new Reconciliation(drifts, null, actions);
    }

    public boolean consistent() {
        return drifts.isEmpty();
    }

    public Optional<ActionType> resolvingAction() {
        return Optional.ofNullable(action);
    }

    /** The page's reconciliation guidance: one line per drift, or the line that says nothing is needed. */
    public List<String> guidance() {
        if (consistent()) {
            return List.of(CONSISTENT);
        }
        List<String> lines = new ArrayList<>(drifts.stream().map(Drift::guidance).toList());
        if (!conflicting.isEmpty()) {
            lines.add("The signals ask for different actions (" + String.join(", ",
                    conflicting.stream().map(ActionType::identity).toList())
                    + "); reconcile waits until the reporters agree.");
        }
        return List.copyOf(lines);
    }
}
