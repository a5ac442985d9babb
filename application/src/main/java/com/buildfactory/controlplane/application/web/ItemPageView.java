package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.domain.policy.RecoveryGuidance;
import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.ReleasePreparation;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The item page as JSON: the sections of the control plane's page, in its words. */
public record ItemPageView(
        String id,
        String key,
        String heading,
        String title,
        String description,
        ExecutionContext executionContext,
        Lifecycle lifecycle,
        QueueTruthView queueTruth,
        PromptContextView promptContext,
        List<ActionView> availableActions,
        @Schema(types = {"string", "null"}, description = "The done item this one follows up, if any.")
        String followUpOf,
        List<String> followUps,
        @Schema(nullable = true, description = "The last prepare-release run, if any.")
        ReleasePreparation lastReleasePreparation,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) Historical historical,
        @JsonInclude(JsonInclude.Include.NON_NULL) ActionResult actionResult) {

    public record ExecutionContext(String id, String branch, String validation, PullRequestView pullRequest) {
    }

    public record PullRequestView(String url, String state) {
    }

    public record Lifecycle(String lane, String workType, String source, String status, String state,
                            DoneCriteria doneCriteria) {
    }

    public record DoneCriteria(int count, long met, List<DoneCriterion> criteria) {
    }

    /** The seed's "Queue Truth" section: freshness, drift and reconciliation guidance. */
    public record QueueTruthView(FreshnessView freshness, String drift, List<DriftView> drifts,
                                 List<String> reconciliationGuidance) {
    }

    /** {@code status} is Fresh or Stale; {@code text} is the seed's line, e.g. "Fresh (snapshot age 0s)". */
    public record FreshnessView(String status, long snapshotAgeSeconds, long eventsBehind, String text) {
    }

    /** One drift: the signal, what it says, the lane, and the action that resolves it (null when none can). */
    public record DriftView(String signal, String value, String lane, String summary, String resolvingAction,
                            String guidance) {
    }

    /** Marks a page rebuilt from the log as it was at {@code position} (the last event applied), not live. */
    public record Historical(String asOf, long position, Instant at) {
    }

    public record PromptContextView(String path, String text, boolean redacted) {
    }

    public record ActionView(String identity, String label, String description, boolean enabled,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean alreadyDone,
                             String permission, List<GateView> gates,
                             @JsonInclude(JsonInclude.Include.NON_NULL) RecoveryGuidance recoveryGuidance,
                             String method, String path) {
    }

    public record GateView(String name, String result, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    /** What the request that returned this page did: applied, already-done, or blocked. */
    public record ActionResult(String action, String outcome, String message,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String createdItemId) {
    }

    public ItemPageView withActionResult(ActionResult result) {
        return new ItemPageView(id, key, heading, title, description, executionContext, lifecycle, queueTruth,
                promptContext, availableActions, followUpOf, followUps, lastReleasePreparation, version, historical,
                result);
    }

    public ItemPageView asHistorical(Historical at) {
        return new ItemPageView(id, key, heading, title, description, executionContext, lifecycle, queueTruth,
                promptContext, availableActions, followUpOf, followUps, lastReleasePreparation, version, at,
                actionResult);
    }
}
