package com.buildfactory.controlplane.domain.policy;

import java.util.List;
import java.util.Optional;

/**
 * Whether one operation may run on one item for one actor. {@code gates} lists the operation's own gates, and the
 * permission gate first when it blocks. {@code alreadyDone} marks a lane action whose effect already holds.
 */
public record ActionAvailability(Operation operation, boolean enabled, boolean alreadyDone, List<GateResult> gates) {

    public ActionAvailability {
        gates = List.copyOf(gates);
    }

    /** The guidance of the first blocked gate: what a caller should read first. */
    public Optional<RecoveryGuidance> guidance() {
        return blockedGates().stream().findFirst().map(GateResult::guidance);
    }

    public List<GateResult> blockedGates() {
        return gates.stream().filter(gate -> !gate.passed()).toList();
    }

    public boolean permissionMissing() {
        return gates.stream().anyMatch(gate -> !gate.passed() && gate.gate().equals(Gates.PERMISSION.name()));
    }
}
