package com.buildfactory.controlplane.domain.workitem.api;

/** A gate that blocked an attempt, as it is kept in the item's history. */
public record BlockedGate(String gate, String cause, String policyContext, String nextStep, String safeRetry) {
}
