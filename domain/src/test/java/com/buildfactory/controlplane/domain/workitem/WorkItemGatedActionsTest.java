package com.buildfactory.controlplane.domain.workitem;

import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.DocumentedGuidance;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.domain.policy.RecoveryGuidance;
import com.buildfactory.controlplane.domain.workitem.api.ActionBlocked;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome.Result;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected.Reason;
import com.buildfactory.controlplane.domain.workitem.api.DoneCriterionMarked;
import com.buildfactory.controlplane.domain.workitem.api.FollowUpCreated;
import com.buildfactory.controlplane.domain.workitem.api.HistoryRecorded;
import com.buildfactory.controlplane.domain.workitem.api.NewWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import com.buildfactory.controlplane.domain.workitem.api.ReleasePrepared;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCompleted;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static com.buildfactory.controlplane.domain.policy.DocumentedGuidance.recorded;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.applied;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.blocked;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.outcome;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.rejected;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.BRANCH;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.ITEM_ID;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.LEAD;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.PR;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.RESTRICTED;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.VALIDATION;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.created;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.criteria;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.historyTo;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.lead;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.seedHistoryTo;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.versionIn;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.Matchers.instanceOf;

/** The actions guarded by more than the lane: complete, prepare-release, record-history and create-follow-up. */
class WorkItemGatedActionsTest {

    private static final String FOLLOW_UP_ID = "wi-BF-300";

    private FixtureConfiguration<WorkItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WorkItem.class);
        fixture.registerInjectableResource(new ActionPolicy());
    }

    private static PerformAction perform(ActionType action) {
        return new PerformAction(ITEM_ID, action, lead(), null, null, null);
    }

    private static ActionBlocked blockedBy(ActionType action, String actor, String gate, RecoveryGuidance guidance) {
        return new ActionBlocked(ITEM_ID, action.identity(), actor, List.of(recorded(gate, guidance)));
    }

    @Test
    void completeWithUnmetDoneCriteriaIsBlockedAndNamesThem() {
        List<DoneCriterion> partlyMet = List.of(new DoneCriterion("runbook", true),
                new DoneCriterion("restore drill", false), new DoneCriterion("uptime check", false));

        fixture.given(historyTo(Lane.REVIEW, created(PR, partlyMet)))
                .when(perform(ActionType.COMPLETE))
                .expectEvents(blockedBy(ActionType.COMPLETE, LEAD, "done-criteria",
                        DocumentedGuidance.unmetDoneCriteria(
                                "2 of 3 done criteria are not met: restore drill, uptime check.")))
                .expectResultMessagePayloadMatching(blocked(4, Lane.REVIEW));
    }

    @Test
    void completeWithoutAnyDoneCriteriaIsBlocked() {
        fixture.given(historyTo(Lane.REVIEW, created(PR, List.of())))
                .when(perform(ActionType.COMPLETE))
                .expectEvents(blockedBy(ActionType.COMPLETE, LEAD, "done-criteria",
                        DocumentedGuidance.noDoneCriteria()))
                .expectResultMessagePayloadMatching(blocked(4, Lane.REVIEW));
    }

    @Test
    void completeOutsideReviewWithUnmetCriteriaRecordsBothBlockedGates() {
        fixture.given(historyTo(Lane.READY, created(PR, criteria(1, false))))
                .when(perform(ActionType.COMPLETE))
                .expectEvents(new ActionBlocked(ITEM_ID, "complete", LEAD, List.of(
                        recorded("lane-transition",
                                DocumentedGuidance.laneTransition(ActionType.COMPLETE, Lane.READY).orElseThrow()),
                        recorded("done-criteria",
                                DocumentedGuidance.unmetDoneCriteria("1 of 1 done criteria are not met: criterion-01.")))));
    }

    @Test
    void completeSucceedsOnceTheLastUnmetCriterionIsMarkedMet() {
        List<Object> history = new ArrayList<>(historyTo(Lane.REVIEW, created(PR, criteria(2, false))));
        history.add(new DoneCriterionMarked(ITEM_ID, "criterion-01", true));
        history.add(new DoneCriterionMarked(ITEM_ID, "criterion-02", true));

        fixture.given(history)
                .when(perform(ActionType.COMPLETE))
                .expectEvents(new WorkItemCompleted(ITEM_ID))
                .expectResultMessagePayloadMatching(applied(6, Lane.DONE));
    }

    @ParameterizedTest(name = "prepare-release in {0} records the release checks")
    @EnumSource(value = Lane.class, names = {"REVIEW", "DONE"})
    void prepareReleaseInReviewOrDoneRecordsPassingReleaseChecks(Lane lane) {
        fixture.given(seedHistoryTo(lane))
                .when(perform(ActionType.PREPARE_RELEASE))
                .expectEvents(new ReleasePrepared(ITEM_ID, new ReleasePreparation(true, List.of(
                        new ReleaseCheck("pull-request-linked", true, PR.url()),
                        new ReleaseCheck("pull-request-not-closed", true, "Pull request is merged."),
                        new ReleaseCheck("done-criteria-met", true, "32 of 32 done criteria met."),
                        new ReleaseCheck("branch-named", true, BRANCH),
                        new ReleaseCheck("validation-command-named", true, VALIDATION)))))
                .expectResultMessagePayloadMatching(applied(versionIn(lane) + 1, lane));
    }

    @Test
    void prepareReleaseWithAClosedPullRequestAndUnmetCriteriaRecordsFailingChecks() {
        PullRequest closed = new PullRequest(PR.url(), PullRequestState.CLOSED);
        List<DoneCriterion> partlyMet = List.of(new DoneCriterion("runbook", true), new DoneCriterion("drill", false));

        fixture.given(historyTo(Lane.REVIEW, created(closed, partlyMet)))
                .when(perform(ActionType.PREPARE_RELEASE))
                .expectEvents(new ReleasePrepared(ITEM_ID, new ReleasePreparation(false, List.of(
                        new ReleaseCheck("pull-request-linked", true, PR.url()),
                        new ReleaseCheck("pull-request-not-closed", false, "Pull request is closed."),
                        new ReleaseCheck("done-criteria-met", false, "1 of 2 done criteria met."),
                        new ReleaseCheck("branch-named", true, BRANCH),
                        new ReleaseCheck("validation-command-named", true, VALIDATION)))));
    }

    @Test
    void prepareReleaseRepeatedOnADoneItemRunsTheChecksAgain() {
        List<Object> history = new ArrayList<>(seedHistoryTo(Lane.DONE));
        history.add(new ReleasePrepared(ITEM_ID, new ReleasePreparation(false, List.of())));

        fixture.given(history)
                .when(perform(ActionType.PREPARE_RELEASE))
                .expectResultMessagePayloadMatching(applied(6, Lane.DONE))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(
                                instanceOf(ReleasePrepared.class)),
                        andNoMore()));
    }

    @ParameterizedTest(name = "prepare-release without a pull request in {0} is blocked")
    @EnumSource(value = Lane.class, names = {"REVIEW", "DONE"})
    void prepareReleaseWithoutPullRequestIsBlocked(Lane lane) {
        fixture.given(historyTo(lane, created(null, criteria(3, true))))
                .when(perform(ActionType.PREPARE_RELEASE))
                .expectEvents(blockedBy(ActionType.PREPARE_RELEASE, LEAD, "pull-request",
                        DocumentedGuidance.noPullRequest()))
                .expectResultMessagePayloadMatching(blocked(versionIn(lane) + 1, lane));
    }

    @ParameterizedTest(name = "prepare-release in {0} is blocked")
    @EnumSource(value = Lane.class, names = {"BACKLOG", "READY", "IN_PROGRESS"})
    void prepareReleaseOutsideReviewAndDoneIsBlocked(Lane lane) {
        fixture.given(seedHistoryTo(lane))
                .when(perform(ActionType.PREPARE_RELEASE))
                .expectEvents(blockedBy(ActionType.PREPARE_RELEASE, LEAD, "lane-eligibility",
                        DocumentedGuidance.laneEligibility(ActionType.PREPARE_RELEASE, lane).orElseThrow()))
                .expectResultMessagePayloadMatching(blocked(versionIn(lane) + 1, lane));
    }

    @Test
    void prepareReleaseInBacklogWithoutPullRequestRecordsBothBlockedGates() {
        fixture.given(historyTo(Lane.BACKLOG, created(null, List.of())))
                .when(perform(ActionType.PREPARE_RELEASE))
                .expectEvents(new ActionBlocked(ITEM_ID, "prepare-release", LEAD, List.of(
                        recorded("lane-eligibility", DocumentedGuidance
                                .laneEligibility(ActionType.PREPARE_RELEASE, Lane.BACKLOG).orElseThrow()),
                        recorded("pull-request", DocumentedGuidance.noPullRequest()))));
    }

    @ParameterizedTest(name = "record-history in {0} captures a snapshot")
    @EnumSource(Lane.class)
    void recordHistoryInAnyLaneCapturesASnapshotWithTheNote(Lane lane) {
        fixture.given(seedHistoryTo(lane))
                .when(new PerformAction(ITEM_ID, ActionType.RECORD_HISTORY, lead(), null, "before the audit", null))
                .expectEvents(new HistoryRecorded(ITEM_ID, "before the audit"))
                .expectResultMessagePayloadMatching(applied(versionIn(lane) + 1, lane));
    }

    @Test
    void recordHistoryWithoutViewPromptContextIsBlocked() {
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(new PerformAction(ITEM_ID, ActionType.RECORD_HISTORY, without(Permissions.VIEW_PROMPT_CONTEXT),
                        null, null, null))
                .expectEvents(blockedBy(ActionType.RECORD_HISTORY, RESTRICTED, "context-visibility",
                        DocumentedGuidance.promptContextHidden()))
                .expectResultMessagePayloadMatching(blocked(5, Lane.DONE));
    }

    private static NewWorkItem followUp() {
        return new NewWorkItem(new WorkItemKey("BF-300"), "Restore drill automation", "Automate the restore drill.",
                WorkType.OPERATIONS, "bf/BF-300-restore-drill", VALIDATION, null, criteria(2, false),
                new PromptContext("./work-items/prompts/wi-BF-300.prompt.md", "Automate the restore drill."));
    }

    /**
     * The fixture observes aggregates spawned with createNew: their events are published in the same unit of work,
     * so the follow-up's creation shows up before the Done item's own FollowUpCreated.
     */
    @Test
    void createFollowUpOnDoneItemCreatesTheLinkedNewItem() {
        NewWorkItem followUp = followUp();

        fixture.given(seedHistoryTo(Lane.DONE))
                .when(new PerformAction(ITEM_ID, ActionType.CREATE_FOLLOW_UP, lead(), null, null, followUp))
                .expectEvents(
                        new WorkItemCreated(FOLLOW_UP_ID, "BF-300", followUp.title(), followUp.description(),
                                WorkType.OPERATIONS, "bf/BF-300-restore-drill", VALIDATION, null, criteria(2, false),
                                followUp.promptContext(), ITEM_ID),
                        new FollowUpCreated(ITEM_ID, FOLLOW_UP_ID))
                .expectResultMessagePayloadMatching(outcome(Result.APPLIED, 5, Lane.DONE, FOLLOW_UP_ID))
                .expectState(item -> assertThat(AggregateFields.stateOf(item).followUps()).containsExactly(FOLLOW_UP_ID));
    }

    @Test
    void createFollowUpWithoutTheNewItemsDetailsIsRejectedAndRecordsNothing() {
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(perform(ActionType.CREATE_FOLLOW_UP))
                .expectException(rejected(Reason.FOLLOW_UP_MISSING, 4,
                        "Create follow-up needs the new item's key and title."))
                .expectNoEvents();
    }

    @Test
    void aFollowUpWithTheItemsOwnKeyIsRejectedAndRecordsNothing() {
        NewWorkItem itself = Scenarios.newItem(Scenarios.KEY, null, criteria(1, false));
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(new PerformAction(ITEM_ID, ActionType.CREATE_FOLLOW_UP, lead(), null, null, itself))
                .expectException(rejected(Reason.FOLLOW_UP_IS_THIS_ITEM, 4,
                        "A follow-up needs a key of its own: BF-276 is this item's key. Nothing was changed."))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "create-follow-up on an item in {0} is blocked")
    @EnumSource(value = Lane.class, names = {"BACKLOG", "READY", "IN_PROGRESS", "REVIEW"})
    void createFollowUpOnAnOpenItemIsBlockedAndCreatesNothing(Lane lane) {
        fixture.given(seedHistoryTo(lane))
                .when(new PerformAction(ITEM_ID, ActionType.CREATE_FOLLOW_UP, lead(), null, null, followUp()))
                .expectEvents(blockedBy(ActionType.CREATE_FOLLOW_UP, LEAD, "lane-eligibility",
                        DocumentedGuidance.laneEligibility(ActionType.CREATE_FOLLOW_UP, lane).orElseThrow()))
                .expectResultMessagePayloadMatching(blocked(versionIn(lane) + 1, lane));
    }

    @Test
    void createFollowUpWithoutCreatePermissionIsRejectedAndCreatesNothing() {
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(new PerformAction(ITEM_ID, ActionType.CREATE_FOLLOW_UP, without(Permissions.CREATE), null,
                        null, followUp()))
                .expectException(rejected(Reason.PERMISSION_MISSING))
                .expectNoEvents();
    }
}
