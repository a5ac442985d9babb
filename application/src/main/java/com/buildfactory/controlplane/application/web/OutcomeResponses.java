package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.domain.policy.ActionAvailability;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/** Answers a command's outcome: the updated page, or 409 with the gates and guidance that blocked it. */
public class OutcomeResponses {

    private final ItemPageRenderer renderer;

    public OutcomeResponses(ItemPageRenderer renderer) {
        this.renderer = renderer;
    }

    /** {@code prefer} is the request's Prefer header: with return=minimal the answer is an {@link ItemReceipt}. */
    public ResponseEntity<?> respond(ActionOutcome outcome, Actor actor, String prefer) {
        ActionAvailability availability = outcome.availability();
        String identity = availability.operation().identity();
        String label = availability.operation().label();
        String etag = ItemVersions.etag(outcome.version());
        if (outcome.result() == ActionOutcome.Result.BLOCKED) {
            ProblemDetail problem = blocked(availability, outcome.item().id());
            return ResponseEntity.status(HttpStatus.CONFLICT).eTag(etag)
                    .header(ItemVersions.ITEM_VERSION, Long.toString(outcome.version()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        boolean applied = outcome.result() == ActionOutcome.Result.APPLIED;
        ItemPageView.ActionResult result = new ItemPageView.ActionResult(identity,
                applied ? "applied" : "already-done",
                applied ? label + " applied." : label + " had already taken effect; nothing changed.",
                outcome.createdItemId());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().eTag(etag)
                .header(ItemVersions.ITEM_VERSION, Long.toString(outcome.version()));
        if (outcome.createdItemId() != null) {
            response.location(URI.create(ItemPageRenderer.ITEMS_PATH + outcome.createdItemId()));
        }
        if (ReturnPreference.minimal(prefer)) {
            ItemState item = outcome.item();
            return response.header(ReturnPreference.APPLIED, ReturnPreference.MINIMAL)
                    .body(new ItemReceipt(item.id(), item.key(), item.lane().label(), outcome.version(), result));
        }
        return response.body(renderer.render(outcome.item(), outcome.version(), actor).withActionResult(result));
    }

    /** The problem for an attempt a gate blocked: what the page showed, as an error. */
    static ProblemDetail blocked(ActionAvailability availability, String itemId) {
        String label = availability.operation().label();
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "gate-blocked",
                label + " is blocked", availability.blockedGates().get(0).reason());
        problem.setInstance(URI.create(ItemPageRenderer.ITEMS_PATH + itemId));
        problem.setProperty("action", availability.operation().identity());
        problem.setProperty("permission", availability.operation().permission());
        problem.setProperty("gates", availability.gates().stream().map(ItemPageRenderer::gate).toList());
        availability.guidance().ifPresent(guidance -> problem.setProperty("recoveryGuidance", guidance));
        return problem;
    }
}
