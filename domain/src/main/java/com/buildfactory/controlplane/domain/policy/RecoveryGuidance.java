package com.buildfactory.controlplane.domain.policy;

/** What a blocked caller needs: why, which policy, what to do next, and whether retrying is safe. */
public record RecoveryGuidance(String cause, String policyContext, String nextStep, String safeRetry) {
}
