package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.security.BearerTokenFilter;
import com.buildfactory.controlplane.application.web.Access;
import com.buildfactory.controlplane.application.web.Problems;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * Projection administration (factory.admin): {@code GET /api/admin/projections} shows each read model's position,
 * lag and state, and during a replay its progress and events per second; {@code POST .../{name}/replay} rebuilds
 * one from the log while commands keep arriving (202; follow it in the list).
 */
@RestController
public class ProjectionsController {

    private final ProjectionReplays replays;

    public ProjectionsController(ProjectionReplays replays) {
        this.replays = replays;
    }

    @Operation(summary = "List projections", description = "State, position, lag and replay progress.")
    @GetMapping("/api/admin/projections")
    public ProjectionList list(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor) {
        Access.require(actor, Permissions.ADMIN);
        return new ProjectionList(replays.statuses());
    }

    @Operation(summary = "Read one projection")
    @GetMapping("/api/admin/projections/{name}")
    public ProjectionStatus get(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                @PathVariable String name) {
        Access.require(actor, Permissions.ADMIN);
        return replays.status(name).orElseThrow(() -> new ProjectionReplays.UnknownProjection(name,
                replays.names()));
    }

    @Operation(summary = "Replay a projection", description = "Rebuilds it while commands keep flowing.")
    @ApiResponse(responseCode = "202", description = "The replay started.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProjectionStatus.class)))
    @ApiResponse(responseCode = "409", description = "A replay of it is already running.", content = @Content(
            mediaType = "application/problem+json"))
    @PostMapping("/api/admin/projections/{name}/replay")
    public ResponseEntity<ProjectionStatus> replay(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                                   @PathVariable String name) {
        Access.require(actor, Permissions.ADMIN);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.replay(name));
    }

    public record ProjectionList(List<ProjectionStatus> projections) {
    }

    /** Answers before the general problem handler, which would treat these as unexpected. */
    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class ReplayProblems {

        @ExceptionHandler(ProjectionReplays.ReplayInProgress.class)
        ResponseEntity<ProblemDetail> inProgress(ProjectionReplays.ReplayInProgress e) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Problems.of(HttpStatus.CONFLICT, "replay-in-progress", "Replay in progress", e.getMessage()));
        }
    }
}
