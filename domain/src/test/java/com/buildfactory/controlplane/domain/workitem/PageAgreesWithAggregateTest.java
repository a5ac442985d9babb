package com.buildfactory.controlplane.domain.workitem;

import com.buildfactory.controlplane.domain.policy.ActionAvailability;
import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.DocumentedGuidance;
import com.buildfactory.controlplane.domain.policy.GateResult;
import com.buildfactory.controlplane.domain.policy.ItemEdit;
import com.buildfactory.controlplane.domain.policy.Operation;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.domain.workitem.api.ActionBlocked;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome.Result;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import com.buildfactory.controlplane.domain.workitem.api.BlockedGate;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected.Reason;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected;
import com.buildfactory.controlplane.domain.workitem.api.DetailsChange;
import com.buildfactory.controlplane.domain.workitem.api.LinkPullRequest;
import com.buildfactory.controlplane.domain.workitem.api.MarkDoneCriterion;
import com.buildfactory.controlplane.domain.workitem.api.NewWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import com.buildfactory.controlplane.domain.workitem.api.UpdateWorkItemDetails;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import com.buildfactory.controlplane.domain.workitem.api.ReportTruthSignal;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static com.buildfactory.controlplane.domain.workitem.Scenarios.ITEM_ID;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.PR;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.created;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.criteria;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.historyTo;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.lead;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.versionIn;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page and the aggregate ask the same ActionPolicy: whatever the page shows for an operation (enabled, blocked
 * with these gates, already done, permission missing) is exactly what the aggregate does when the operation is sent.
 * The page's state is rebuilt from the same events the aggregate is given, as the item read model rebuilds it.
 */
class PageAgreesWithAggregateTest {

    private static final Map<String, Integer> CASES_SEEN = new ConcurrentHashMap<>();

    private final ActionPolicy policy = new ActionPolicy();

    /** Guards against a vacuous run: each of the four answers must actually have been compared. */
    @AfterAll
    static void everyKindOfAnswerWasCompared() {
        assertThat(CASES_SEEN).containsOnlyKeys("permission missing", "already done", "enabled", "blocked");
        assertThat(CASES_SEEN.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(5));
    }

    static Stream<Arguments> everyOperationLaneItemAndActor() {
        List<Operation> operations = new ArrayList<>(List.of(ActionType.values()));
        operations.addAll(List.of(ItemEdit.UPDATE_DETAILS, ItemEdit.LINK_PULL_REQUEST, ItemEdit.MARK_DONE_CRITERION,
                ItemEdit.REPORT_SIGNAL));
        List<Arguments> cases = new ArrayList<>();
        for (Operation operation : operations) {
            for (Lane lane : Lane.values()) {
                for (String item : List.of("seed", "no pull request, unmet criteria")) {
                    for (String actor : List.of("lead", "without permission", "without prompt context")) {
                        cases.add(Arguments.of(operation, lane, item, actor));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in {1}, item {2}, actor {3}")
    @MethodSource("everyOperationLaneItemAndActor")
    void theAvailabilityThePageShowsIsWhatTheAggregateDecides(Operation operation, Lane lane, String itemShape,
                                                             String actorKind) {
        WorkItemCreated created = itemShape.equals("seed") ? Scenarios.seedCreated() : created(null, criteria(3, false));
        List<Object> history = historyTo(lane, created);
        Actor actor = switch (actorKind) {
            case "lead" -> lead();
            case "without permission" -> without(operation.permission());
            default -> without(Permissions.VIEW_PROMPT_CONTEXT);
        };

        ItemState pageState = replay(history);
        ActionAvailability page = policy.evaluate(pageState, actor, operation);

        FixtureConfiguration<WorkItem> fixture = new AggregateTestFixture<>(WorkItem.class);
        fixture.registerInjectableResource(new ActionPolicy());
        ResultValidator<WorkItem> result = fixture.given(history).when(command(operation, actor, pageState));

        long version = versionIn(lane);
        String kind = page.permissionMissing() ? "permission missing"
                : page.alreadyDone() ? "already done" : page.enabled() ? "enabled" : "blocked";
        CASES_SEEN.merge(kind, 1, Integer::sum);
        if (page.permissionMissing()) {
            result.expectException(Matchers.<Throwable>matches(thrown -> thrown instanceof CommandRejected rejected
                            && rejected.reason() == Reason.PERMISSION_MISSING && rejected.availability().equals(page)))
                    .expectNoEvents();
        } else if (page.alreadyDone()) {
            result.expectNoEvents()
                    .expectResultMessagePayloadMatching(outcome(Result.ALREADY_DONE, page, version));
        } else if (page.enabled()) {
            result.expectResultMessagePayloadMatching(outcome(Result.APPLIED, page, version + 1))
                    .expectEventsMatching(Matchers.<List<EventMessage<?>>>matches(events -> !events.isEmpty()
                            && events.stream().noneMatch(event -> event.getPayload() instanceof ActionBlocked)));
        } else {
            result.expectEvents(new ActionBlocked(ITEM_ID, operation.identity(), actor.name(),
                            page.blockedGates().stream().map(PageAgreesWithAggregateTest::recorded).toList()))
                    .expectResultMessagePayloadMatching(outcome(Result.BLOCKED, page, version + 1));
        }
    }

    private static Matcher<ActionOutcome> outcome(Result result, ActionAvailability page, long version) {
        return Matchers.matches(outcome -> outcome.result() == result && outcome.availability().equals(page)
                && outcome.version() == version);
    }

    private static BlockedGate recorded(GateResult gate) {
        return DocumentedGuidance.recorded(gate.gate(), gate.guidance());
    }

    private static ItemState replay(List<Object> history) {
        ItemState state = null;
        for (Object event : history) {
            state = ((WorkItemEvent) event).evolve(state);
        }
        return state;
    }

    /** A command that would change the item if allowed, so that "already done" can only come from the policy. */
    private static Object command(Operation operation, Actor actor, ItemState item) {
        if (operation instanceof ActionType action) {
            NewWorkItem followUp = action == ActionType.CREATE_FOLLOW_UP
                    ? Scenarios.newItem(new WorkItemKey("BF-301"), null, criteria(1, false)) : null;
            return new PerformAction(ITEM_ID, action, actor, null, "page check", followUp);
        }
        return switch ((ItemEdit) operation) {
            case UPDATE_DETAILS -> new UpdateWorkItemDetails(ITEM_ID, actor, null,
                    new DetailsChange("A new title", null, null, null, null, null, null));
            case LINK_PULL_REQUEST -> new LinkPullRequest(ITEM_ID, actor, null,
                    new PullRequest(PR.url() + "0", PullRequestState.OPEN));
            case MARK_DONE_CRITERION -> new MarkDoneCriterion(ITEM_ID, actor, null, "criterion-01",
                    !item.doneCriteria().get(0).met());
            case REPORT_SIGNAL -> new ReportTruthSignal(ITEM_ID, actor, null, TruthSignal.STATUS, "failed", null);
            case CREATE -> throw new IllegalArgumentException("create has no page on an existing item");
        };
    }
}
