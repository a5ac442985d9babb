package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.axon.WorkItemCommands;
import com.buildfactory.controlplane.application.security.BearerTokenFilter;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import com.buildfactory.controlplane.domain.workitem.api.NewWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Every move is an action: {@code POST /api/control-plane/items/{id}/actions/{action}}. */
@RestController
public class ActionsController {

    private final WorkItemCommands commands;
    private final OutcomeResponses outcomes;

    public ActionsController(WorkItemCommands commands, OutcomeResponses outcomes) {
        this.commands = commands;
        this.outcomes = outcomes;
    }

    @Operation(summary = "Run an action on an item", description = "mark-ready, start-execution, request-review,"
            + " request-changes, complete, prepare-release, record-history, create-follow-up (body followUp),"
            + " reconcile. Each needs its permission; a gate that blocks answers 409 with the gates and guidance.")
    @ApiResponse(responseCode = "200", description = "The item page after the change, with actionResult (applied or"
            + " already-done); with Prefer: return=minimal the short receipt instead.",
            content = @Content(mediaType = "application/json", schema = @Schema(anyOf = {ItemPageView.class,
                    ItemReceipt.class})))
    @PostMapping("/api/control-plane/items/{id}/actions/{action}")
    public ResponseEntity<?> perform(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                     @PathVariable String id, @PathVariable("action") String identity,
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @RequestHeader(value = ReturnPreference.PREFER, required = false) String prefer,
                                     @Valid @RequestBody(required = false) ItemRequests.ActionBody body) {
        ActionType action = ActionType.fromIdentity(identity).orElseThrow(() -> new NotFound(
                "No action " + identity + " exists. Actions: " + Arrays.stream(ActionType.values())
                        .map(ActionType::identity).collect(Collectors.joining(", ")) + "."));
        Access.require(actor, action);
        String itemId = ItemsController.knownId(id);
        NewWorkItem followUp = body == null || body.followUp() == null ? null
                : ItemRequestMapper.newItem(body.followUp());
        if (action == ActionType.CREATE_FOLLOW_UP && followUp == null) {
            throw new InvalidInput("followUp", "is required: the new item's key, title and work type");
        }
        ActionOutcome outcome = commands.send(new PerformAction(itemId, action, actor,
                ItemVersions.expected(ifMatch), body == null ? null : body.note(), followUp), actor);
        return outcomes.respond(outcome, actor, prefer);
    }
}
