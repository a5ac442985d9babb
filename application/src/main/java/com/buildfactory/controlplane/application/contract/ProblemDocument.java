package com.buildfactory.controlplane.application.contract;

import com.buildfactory.controlplane.application.web.ItemPageView;
import com.buildfactory.controlplane.domain.policy.RecoveryGuidance;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The shape of every error answer (RFC 9457), for the contract only: the service builds them as Spring
 * {@code ProblemDetail}s. Besides the standard members, each kind adds the members listed.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details, the body of every error answer.",
        requiredProperties = {"type", "title", "status"})
record ProblemDocument(
        @Schema(description = "The kind of problem, stable: urn:build-factory:control-plane:problem:<kind>"
                + " (invalid-input, unreadable-body, unauthenticated, permission-missing, not-found, gate-blocked,"
                + " item-exists, concurrent-change, stale-version, body-too-large, unsupported-media-type,"
                + " not-acceptable, idempotency-key-reused, version-not-visible-yet, feed-full, store-unavailable,"
                + " bad-request, internal, ...)", example = "urn:build-factory:control-plane:problem:invalid-input")
        String type,
        @Schema(example = "Invalid input") String title,
        @Schema(example = "400") int status,
        @Schema(description = "What went wrong and what to do, for people.") String detail,
        @Schema(description = "The request path.") String instance,
        @Schema(description = "invalid-input: each invalid field and why.") List<FieldError> errors,
        @Schema(description = "permission-missing, gate-blocked: the permission the operation needs.")
        String permission,
        @Schema(description = "permission-missing, gate-blocked: the action attempted.") String action,
        @Schema(description = "permission-missing: the permission gate only; gate-blocked: every gate of the action.")
        List<ItemPageView.GateView> gates,
        @Schema(description = "permission-missing, gate-blocked: why, the policy, the next step, whether a retry is"
                + " safe.") RecoveryGuidance recoveryGuidance,
        @Schema(description = "stale-version: the item's current version (also its ETag).") Long currentVersion,
        @Schema(description = "version-not-visible-yet: the version asked for.") Long minVersion,
        @Schema(description = "version-not-visible-yet: the version the item page holds.") Long heldVersion) {

    record FieldError(String field, String message) {
    }
}
