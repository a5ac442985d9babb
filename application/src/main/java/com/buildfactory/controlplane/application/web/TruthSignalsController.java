package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.axon.WorkItemCommands;
import com.buildfactory.controlplane.application.security.BearerTokenFilter;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.ItemEdit;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import com.buildfactory.controlplane.domain.workitem.api.ReportTruthSignal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Truth signals reported by the rest of the factory: {@code POST /api/control-plane/items/{id}/signals} with
 * {@code {"signal": "status", "value": "done", "observedAt": "2026-11-28T09:00:00Z"}}. Permission
 * factory.work-item.report-signal. Vocabulary (every signal also accepts the lane slugs backlog, ready,
 * in-progress, review, done):
 * <ul>
 *   <li>status (execution runner): queued, failed;</li>
 *   <li>state (version control, the pull request): open, merged, closed (closed means closed unmerged);</li>
 *   <li>source (the queue last observed in): execution.</li>
 * </ul>
 * A new value is recorded as an event and answered with the page; the value the signal already has is answered as
 * already done, with nothing recorded. A value outside the vocabulary is 400 and nothing is stored.
 */
@RestController
public class TruthSignalsController {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final WorkItemCommands commands;
    private final OutcomeResponses outcomes;
    private final Clock clock;

    public TruthSignalsController(WorkItemCommands commands, OutcomeResponses outcomes, Clock clock) {
        this.commands = commands;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public record SignalBody(@NotBlank @Size(max = 32) String signal, @NotBlank @Size(max = 64) String value,
                             @Size(max = 64) String observedAt) {
    }

    @Operation(summary = "Report a truth signal", description = "status, state or source with a value from its"
            + " vocabulary (factory.work-item.report-signal).")
    @ApiResponse(responseCode = "200", description = "The item page after the change, with actionResult (applied or"
            + " already-done); with Prefer: return=minimal the short receipt instead.",
            content = @Content(mediaType = "application/json", schema = @Schema(anyOf = {ItemPageView.class,
                    ItemReceipt.class})))
    @PostMapping("/api/control-plane/items/{id}/signals")
    public ResponseEntity<?> report(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                    @PathVariable String id,
                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @RequestHeader(value = ReturnPreference.PREFER, required = false) String prefer,
                                    @Valid @RequestBody SignalBody body) {
        Access.require(actor, ItemEdit.REPORT_SIGNAL);
        String itemId = ItemsController.knownId(id);
        TruthSignal signal = TruthSignal.parse(body.signal()).orElseThrow(() -> new InvalidInput("signal",
                "must be one of " + Arrays.stream(TruthSignal.values()).map(TruthSignal::slug)
                        .collect(Collectors.joining(", "))));
        String value = body.value().trim();
        if (!signal.accepts(value)) {
            throw new InvalidInput("value", "must be one of " + String.join(", ", signal.vocabulary())
                    + " for " + signal.slug());
        }
        Instant now = clock.instant();
        Instant observedAt = body.observedAt() == null ? now : observedAt(body.observedAt());
        if (observedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidInput("observedAt", "lies in the future; send the time the signal was observed");
        }
        ActionOutcome outcome = commands.send(new ReportTruthSignal(itemId, actor, ItemVersions.expected(ifMatch),
                signal, value, observedAt), actor);
        return outcomes.respond(outcome, actor, prefer);
    }

    private static Instant observedAt(String text) {
        return SaneTimes.parse("observedAt", text, "must be an ISO-8601 time with offset, like 2026-11-28T09:00:00Z");
    }
}
