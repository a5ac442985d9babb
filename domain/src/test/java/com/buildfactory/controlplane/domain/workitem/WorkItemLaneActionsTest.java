package com.buildfactory.controlplane.domain.workitem;

import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.DocumentedGuidance;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.domain.policy.RecoveryGuidance;
import com.buildfactory.controlplane.domain.workitem.api.ActionBlocked;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import com.buildfactory.controlplane.domain.workitem.api.BlockedGate;
import com.buildfactory.controlplane.domain.workitem.api.ChangesRequested;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected.Reason;
import com.buildfactory.controlplane.domain.workitem.api.CreateWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.ExecutionStarted;
import com.buildfactory.controlplane.domain.workitem.api.MarkedReady;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import com.buildfactory.controlplane.domain.workitem.api.ReviewRequested;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCompleted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.buildfactory.controlplane.domain.policy.DocumentedGuidance.recorded;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.alreadyDone;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.applied;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.blocked;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.rejected;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.ITEM_ID;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.LEAD;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.lead;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.seedCreated;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.seedHistoryTo;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.seedItem;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.versionIn;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;

/** Creating an item and moving it through the lanes: every transition, every repeat, every wrong lane. */
class WorkItemLaneActionsTest {

    private FixtureConfiguration<WorkItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WorkItem.class);
        fixture.registerInjectableResource(new ActionPolicy());
    }

    private static PerformAction perform(ActionType action) {
        return new PerformAction(ITEM_ID, action, lead(), null, null, null);
    }

    @Test
    void createWorkItemRecordsTheSeedFieldsAndStartsInBacklog() {
        fixture.givenNoPriorActivity()
                .when(new CreateWorkItem(ITEM_ID, lead(), seedItem()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(seedCreated())
                .expectState(item -> {
                    assertThat(AggregateFields.idOf(item)).isEqualTo(ITEM_ID);
                    assertThat(AggregateFields.versionOf(item)).isZero();
                    assertThat(AggregateFields.stateOf(item).lane()).isEqualTo(Lane.BACKLOG);
                    assertThat(AggregateFields.stateOf(item).signals())
                            .isEqualTo(new TruthSignals("backlog", "backlog", "backlog"));
                });
    }

    @Test
    void createWorkItemWithoutCreatePermissionIsRejectedAndRecordsNothing() {
        fixture.givenNoPriorActivity()
                .when(new CreateWorkItem(ITEM_ID, without(Permissions.CREATE), seedItem()))
                .expectException(rejected(Reason.PERMISSION_MISSING, -1,
                        "Actor restricted-bot lacks permission factory.work-item.create."))
                .expectNoEvents();
    }

    @Test
    void markReadyOnBacklogItemMovesItToReady() {
        fixture.given(seedHistoryTo(Lane.BACKLOG))
                .when(perform(ActionType.MARK_READY))
                .expectEvents(new MarkedReady(ITEM_ID))
                .expectResultMessagePayloadMatching(applied(1, Lane.READY));
    }

    @Test
    void startExecutionOnReadyItemQueuesHandoff() {
        fixture.given(seedHistoryTo(Lane.READY))
                .when(perform(ActionType.START_EXECUTION))
                .expectEvents(new ExecutionStarted(ITEM_ID))
                .expectResultMessagePayloadMatching(applied(2, Lane.IN_PROGRESS));
    }

    @Test
    void requestReviewOnInProgressItemMovesItToReview() {
        fixture.given(seedHistoryTo(Lane.IN_PROGRESS))
                .when(perform(ActionType.REQUEST_REVIEW))
                .expectEvents(new ReviewRequested(ITEM_ID))
                .expectResultMessagePayloadMatching(applied(3, Lane.REVIEW));
    }

    @Test
    void requestChangesOnReviewItemSendsItBackToInProgress() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(perform(ActionType.REQUEST_CHANGES))
                .expectEvents(new ChangesRequested(ITEM_ID))
                .expectResultMessagePayloadMatching(applied(4, Lane.IN_PROGRESS));
    }

    @Test
    void requestReviewAfterRequestedChangesMovesTheItemBackToReview() {
        List<Object> history = new ArrayList<>(seedHistoryTo(Lane.REVIEW));
        history.add(new ChangesRequested(ITEM_ID));

        fixture.given(history)
                .when(perform(ActionType.REQUEST_REVIEW))
                .expectEvents(new ReviewRequested(ITEM_ID))
                .expectResultMessagePayloadMatching(applied(5, Lane.REVIEW));
    }

    @Test
    void completeOnReviewItemWithEveryCriterionMetClosesIt() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(perform(ActionType.COMPLETE))
                .expectEvents(new WorkItemCompleted(ITEM_ID))
                .expectResultMessagePayloadMatching(applied(4, Lane.DONE))
                .expectState(item -> assertThat(AggregateFields.stateOf(item).signals())
                        .isEqualTo(new TruthSignals("done", "done", "done")));
    }

    @Test
    void markReadyOnReadyItemIsAlreadyDoneWithoutEvent() {
        fixture.given(seedHistoryTo(Lane.READY))
                .when(perform(ActionType.MARK_READY))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(alreadyDone(1, Lane.READY));
    }

    @Test
    void startExecutionOnInProgressItemIsAlreadyDoneWithoutEvent() {
        fixture.given(seedHistoryTo(Lane.IN_PROGRESS))
                .when(perform(ActionType.START_EXECUTION))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(alreadyDone(2, Lane.IN_PROGRESS));
    }

    @Test
    void requestReviewOnReviewItemIsAlreadyDoneWithoutEvent() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(perform(ActionType.REQUEST_REVIEW))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(alreadyDone(3, Lane.REVIEW));
    }

    @Test
    void requestChangesOnItemBackInProgressIsAlreadyDoneWithoutEvent() {
        List<Object> history = new ArrayList<>(seedHistoryTo(Lane.REVIEW));
        history.add(new ChangesRequested(ITEM_ID));

        fixture.given(history)
                .when(perform(ActionType.REQUEST_CHANGES))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(alreadyDone(4, Lane.IN_PROGRESS));
    }

    /** The effect of request-changes is "the item is In Progress", so it holds even before any review. */
    @Test
    void requestChangesOnItemNeverReviewedButInProgressIsAlreadyDoneWithoutEvent() {
        fixture.given(seedHistoryTo(Lane.IN_PROGRESS))
                .when(perform(ActionType.REQUEST_CHANGES))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(alreadyDone(2, Lane.IN_PROGRESS));
    }

    @Test
    void completeOnDoneItemIsAlreadyDoneWithoutEvent() {
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(perform(ActionType.COMPLETE))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(allOf(alreadyDone(4, Lane.DONE),
                        Matchers.<ActionOutcome>matches(
                                outcome -> outcome.availability().alreadyDone())));
    }

    @Test
    void startExecutionOnDoneItemIsBlockedWithSeedGuidance() {
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(perform(ActionType.START_EXECUTION))
                .expectEvents(new ActionBlocked(ITEM_ID, "start-execution", LEAD, List.of(new BlockedGate(
                        "lane-transition",
                        "Done items stay closed; Start execution cannot move them backward.",
                        "Lane transition policy blocks Start execution when the item is already Done.",
                        "Create a net-new work item if more delivery is needed instead of reopening this one.",
                        "Do not retry Start execution on a done item."))))
                .expectResultMessagePayloadMatching(blocked(5, Lane.DONE));
    }

    @Test
    void requestReviewOnDoneItemIsBlockedWithSeedGuidance() {
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(perform(ActionType.REQUEST_REVIEW))
                .expectEvents(new ActionBlocked(ITEM_ID, "request-review", LEAD, List.of(new BlockedGate(
                        "lane-transition",
                        "Done items stay closed; Request review cannot move them backward.",
                        "Lane transition policy blocks Request review when the item is already Done.",
                        "Create a net-new work item if more delivery is needed instead of reopening this one.",
                        "Do not retry Request review on a done item."))))
                .expectResultMessagePayloadMatching(blocked(5, Lane.DONE));
    }

    static Stream<Arguments> everyLaneActionInEveryWrongLane() {
        List<Arguments> cases = new ArrayList<>();
        for (ActionType action : ActionType.values()) {
            if (!action.movesLane()) {
                continue;
            }
            for (Lane lane : Lane.values()) {
                if (lane != action.from().orElseThrow() && lane != action.to().orElseThrow()) {
                    cases.add(Arguments.of(action, lane,
                            DocumentedGuidance.laneTransition(action, lane).orElseThrow()));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on an item in {1} is blocked")
    @MethodSource("everyLaneActionInEveryWrongLane")
    void laneActionFromAWrongLaneIsBlockedAndRecordedWithItsGuidance(ActionType action, Lane lane,
                                                                     RecoveryGuidance guidance) {
        fixture.given(seedHistoryTo(lane))
                .when(perform(action))
                .expectEvents(new ActionBlocked(ITEM_ID, action.identity(), LEAD,
                        List.of(recorded("lane-transition", guidance))))
                .expectResultMessagePayloadMatching(blocked(versionIn(lane) + 1, lane));
    }

    @ParameterizedTest(name = "{0} without its permission is refused")
    @EnumSource(ActionType.class)
    void actionWithoutItsPermissionIsRejectedAndRecordsNothing(ActionType action) {
        Lane laneWhereItApplies = action.from().orElse(Lane.DONE);

        fixture.given(seedHistoryTo(laneWhereItApplies))
                .when(new PerformAction(ITEM_ID, action, without(action.permission()), null, null, null))
                .expectException(rejected(Reason.PERMISSION_MISSING, versionIn(laneWhereItApplies),
                        "Actor restricted-bot lacks permission " + action.permission() + "."))
                .expectNoEvents();
    }

    @Test
    void repeatedActionWithoutPermissionIsRefusedRatherThanAnsweredAsAlreadyDone() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(new PerformAction(ITEM_ID, ActionType.REQUEST_REVIEW, without(Permissions.REQUEST_REVIEW),
                        null, null, null))
                .expectException(rejected(Reason.PERMISSION_MISSING))
                .expectNoEvents();
    }

    @Test
    void blockedAttemptIsRecordedUnderTheActorWhoTriedIt() {
        fixture.given(seedHistoryTo(Lane.BACKLOG))
                .when(new PerformAction(ITEM_ID, ActionType.COMPLETE, without(Permissions.EXECUTE), null, null,
                        null))
                .expectEvents(new ActionBlocked(ITEM_ID, "complete", Scenarios.RESTRICTED,
                        List.of(recorded("lane-transition",
                                DocumentedGuidance.laneTransition(ActionType.COMPLETE, Lane.BACKLOG).orElseThrow()))));
    }
}
