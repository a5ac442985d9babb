package com.buildfactory.controlplane.domain.policy;

/** One gate's verdict. A blocked gate always carries its reason and recovery guidance. */
public record GateResult(String gate, boolean passed, String reason, RecoveryGuidance guidance) {

    public static GateResult pass(String gate) {
        return new GateResult(gate, true, null, null);
    }

    public static GateResult blocked(String gate, RecoveryGuidance guidance) {
        return new GateResult(gate, false, guidance.cause(), guidance);
    }

    public String result() {
        return passed ? "pass" : "blocked";
    }
}
