package com.buildfactory.controlplane.domain.truth;

import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;

import java.util.Optional;
import java.util.Set;

/**
 * One truth signal that disagrees with the lane: which signal, what it says, the lanes it implies, and the action
 * that resolves it, or none when no action can (a Done item never moves back).
 */
public record Drift(TruthSignal signal, String value, Lane lane, Set<Lane> impliedLanes, ActionType resolvedBy,
                    String summary, String guidance) {

    public Drift {
        impliedLanes = Set.copyOf(impliedLanes);
    }

    public Optional<ActionType> resolvingAction() {
        return Optional.ofNullable(resolvedBy);
    }
}
