package com.buildfactory.controlplane.domain.workitem;

import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.DocumentedGuidance;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.domain.workitem.api.ActionBlocked;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected.Reason;
import com.buildfactory.controlplane.domain.workitem.api.DetailsChange;
import com.buildfactory.controlplane.domain.workitem.api.DoneCriteriaRevised;
import com.buildfactory.controlplane.domain.workitem.api.DoneCriterionMarked;
import com.buildfactory.controlplane.domain.workitem.api.LinkPullRequest;
import com.buildfactory.controlplane.domain.workitem.api.MarkDoneCriterion;
import com.buildfactory.controlplane.domain.workitem.api.MarkedReady;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import com.buildfactory.controlplane.domain.workitem.api.PullRequestLinked;
import com.buildfactory.controlplane.domain.workitem.api.UpdateWorkItemDetails;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemDetailsUpdated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.buildfactory.controlplane.domain.policy.DocumentedGuidance.recorded;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.alreadyDone;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.applied;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.blocked;
import static com.buildfactory.controlplane.domain.workitem.OutcomeMatchers.rejected;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.BRANCH;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.DESCRIPTION;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.ITEM_ID;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.LEAD;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.PR;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.PROMPT;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.TITLE;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.VALIDATION;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.created;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.historyTo;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.lead;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.seedHistoryTo;
import static com.buildfactory.controlplane.domain.workitem.Scenarios.without;

/** Plain edits (details, pull request, criteria) and the optimistic version check every command honours. */
class WorkItemEditsTest {

    private static final PullRequest OPEN_PR =
            new PullRequest("https://github.com/SingletonTheory/build-factory-bootstrap/pull/400", PullRequestState.OPEN);

    private FixtureConfiguration<WorkItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WorkItem.class);
        fixture.registerInjectableResource(new ActionPolicy());
    }

    private static DetailsChange titleAndBranch(String title, String branch) {
        return new DetailsChange(title, null, null, branch, null, null, null);
    }

    private static DetailsChange criteriaNamed(String... names) {
        return new DetailsChange(null, null, null, null, null, null, List.of(names));
    }

    @Test
    void updateDetailsRecordsTheFullNewDetailsKeepingWhatWasNotChanged() {
        fixture.given(seedHistoryTo(Lane.IN_PROGRESS))
                .when(new UpdateWorkItemDetails(ITEM_ID, lead(), null, titleAndBranch("Staging and backups", "bf/x")))
                .expectEvents(new WorkItemDetailsUpdated(ITEM_ID, "Staging and backups", DESCRIPTION,
                        WorkType.OPERATIONS, "bf/x", VALIDATION, PROMPT))
                .expectResultMessagePayloadMatching(applied(3, Lane.IN_PROGRESS));
    }

    @Test
    void updateDetailsRevisingCriteriaKeepsTheMetFlagOfCriteriaThatStay() {
        List<DoneCriterion> criteria = List.of(new DoneCriterion("runbook", true), new DoneCriterion("drill", false));

        fixture.given(historyTo(Lane.READY, created(PR, criteria)))
                .when(new UpdateWorkItemDetails(ITEM_ID, lead(), null, criteriaNamed("drill", "runbook", "uptime")))
                .expectEvents(new DoneCriteriaRevised(ITEM_ID, List.of(new DoneCriterion("drill", false),
                        new DoneCriterion("runbook", true), new DoneCriterion("uptime", false))))
                .expectResultMessagePayloadMatching(applied(2, Lane.READY));
    }

    @Test
    void updateDetailsChangingDetailsAndCriteriaRecordsBothEvents() {
        fixture.given(historyTo(Lane.BACKLOG, created(PR, List.of(new DoneCriterion("runbook", true)))))
                .when(new UpdateWorkItemDetails(ITEM_ID, lead(), 0L,
                        new DetailsChange(null, null, WorkType.CHORE, null, null, null, List.of("runbook", "drill"))))
                .expectEvents(
                        new WorkItemDetailsUpdated(ITEM_ID, TITLE, DESCRIPTION, WorkType.CHORE, BRANCH, VALIDATION,
                                PROMPT),
                        new DoneCriteriaRevised(ITEM_ID, List.of(new DoneCriterion("runbook", true),
                                new DoneCriterion("drill", false))))
                .expectResultMessagePayloadMatching(applied(2, Lane.BACKLOG));
    }

    @Test
    void updateDetailsWithTheCurrentValuesIsAlreadyDoneWithoutEvent() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(new UpdateWorkItemDetails(ITEM_ID, lead(), null,
                        new DetailsChange(TITLE, DESCRIPTION, WorkType.OPERATIONS, BRANCH, VALIDATION, PROMPT,
                                Scenarios.seedCriteria().stream().map(DoneCriterion::name).toList())))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(alreadyDone(3, Lane.REVIEW));
    }

    @Test
    void updateDetailsOnDoneItemIsBlocked() {
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(new UpdateWorkItemDetails(ITEM_ID, lead(), null, titleAndBranch("Reopened", null)))
                .expectEvents(new ActionBlocked(ITEM_ID, "update-details", LEAD,
                        List.of(recorded("item-open", DocumentedGuidance.itemClosed("Update details")))))
                .expectResultMessagePayloadMatching(blocked(5, Lane.DONE));
    }

    @Test
    void updateDetailsWithoutUpdatePermissionIsRejectedAndRecordsNothing() {
        fixture.given(seedHistoryTo(Lane.BACKLOG))
                .when(new UpdateWorkItemDetails(ITEM_ID, without(Permissions.UPDATE), null, titleAndBranch("x", null)))
                .expectException(rejected(Reason.PERMISSION_MISSING, 0,
                        "Actor restricted-bot lacks permission factory.work-item.update."))
                .expectNoEvents();
    }

    @Test
    void linkPullRequestRecordsTheNewPullRequest() {
        fixture.given(historyTo(Lane.IN_PROGRESS, created(null, List.of())))
                .when(new LinkPullRequest(ITEM_ID, lead(), 2L, OPEN_PR))
                .expectEvents(new PullRequestLinked(ITEM_ID, OPEN_PR))
                .expectResultMessagePayloadMatching(applied(3, Lane.IN_PROGRESS));
    }

    @Test
    void linkPullRequestWithTheLinkedPullRequestIsAlreadyDoneWithoutEvent() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(new LinkPullRequest(ITEM_ID, lead(), null, PR))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(alreadyDone(3, Lane.REVIEW));
    }

    @Test
    void linkPullRequestWithANewStateOfTheSamePullRequestRecordsIt() {
        PullRequest merged = new PullRequest(OPEN_PR.url(), PullRequestState.MERGED);
        List<Object> history = new ArrayList<>(historyTo(Lane.REVIEW, created(OPEN_PR, List.of())));

        fixture.given(history)
                .when(new LinkPullRequest(ITEM_ID, lead(), null, merged))
                .expectEvents(new PullRequestLinked(ITEM_ID, merged));
    }

    @Test
    void linkPullRequestOnDoneItemIsBlocked() {
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(new LinkPullRequest(ITEM_ID, lead(), null, OPEN_PR))
                .expectEvents(new ActionBlocked(ITEM_ID, "link-pull-request", LEAD,
                        List.of(recorded("item-open", DocumentedGuidance.itemClosed("Link pull request")))))
                .expectResultMessagePayloadMatching(blocked(5, Lane.DONE));
    }

    @Test
    void linkPullRequestWithoutItsPermissionIsRejectedAndRecordsNothing() {
        fixture.given(seedHistoryTo(Lane.BACKLOG))
                .when(new LinkPullRequest(ITEM_ID, without(Permissions.LINK_PULL_REQUEST), null, OPEN_PR))
                .expectException(rejected(Reason.PERMISSION_MISSING, 0,
                        "Actor restricted-bot lacks permission factory.work-item.link-pull-request."))
                .expectNoEvents();
    }

    @Test
    void markDoneCriterionMetRecordsIt() {
        fixture.given(historyTo(Lane.IN_PROGRESS, created(PR, Scenarios.criteria(2, false))))
                .when(new MarkDoneCriterion(ITEM_ID, lead(), 2L, "criterion-02", true))
                .expectEvents(new DoneCriterionMarked(ITEM_ID, "criterion-02", true))
                .expectResultMessagePayloadMatching(applied(3, Lane.IN_PROGRESS));
    }

    @Test
    void markDoneCriterionUnmetAgainRecordsIt() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(new MarkDoneCriterion(ITEM_ID, lead(), null, "criterion-07", false))
                .expectEvents(new DoneCriterionMarked(ITEM_ID, "criterion-07", false));
    }

    @Test
    void markDoneCriterionAlreadyInThatStateIsAlreadyDoneWithoutEvent() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(new MarkDoneCriterion(ITEM_ID, lead(), null, "criterion-07", true))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(alreadyDone(3, Lane.REVIEW));
    }

    @Test
    void markDoneCriterionOnDoneItemIsBlocked() {
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(new MarkDoneCriterion(ITEM_ID, lead(), null, "criterion-07", false))
                .expectEvents(new ActionBlocked(ITEM_ID, "mark-done-criterion", LEAD,
                        List.of(recorded("item-open", DocumentedGuidance.itemClosed("Mark done criterion")))))
                .expectResultMessagePayloadMatching(blocked(5, Lane.DONE));
    }

    @Test
    void markDoneCriterionWithAnUnknownNameIsRejectedAndRecordsNothing() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(new MarkDoneCriterion(ITEM_ID, lead(), null, "criterion-99", true))
                .expectException(rejected(Reason.UNKNOWN_CRITERION, 3,
                        "Item wi-BF-276 has no done criterion named 'criterion-99'."))
                .expectNoEvents();
    }

    @Test
    void markDoneCriterionWithoutUpdatePermissionIsRejectedAndRecordsNothing() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(new MarkDoneCriterion(ITEM_ID, without(Permissions.UPDATE), null, "criterion-07", false))
                .expectException(rejected(Reason.PERMISSION_MISSING, 3,
                        "Actor restricted-bot lacks permission factory.work-item.update."))
                .expectNoEvents();
    }

    @Test
    void markDoneCriterionWithoutPermissionIsRefusedForThePermissionEvenWhenTheNameIsUnknown() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(new MarkDoneCriterion(ITEM_ID, without(Permissions.UPDATE), null, "criterion-99", true))
                .expectException(rejected(Reason.PERMISSION_MISSING))
                .expectNoEvents();
    }

    @Test
    void markDoneCriterionWithStaleVersionIsRefusedForTheVersionEvenWhenTheNameIsUnknown() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(new MarkDoneCriterion(ITEM_ID, lead(), 1L, "criterion-99", true))
                .expectException(rejected(Reason.STALE_VERSION))
                .expectNoEvents();
    }

    @Test
    void markDoneCriterionWithAnUnknownNameOnDoneItemIsBlockedLikeAnyEditOfADoneItem() {
        fixture.given(seedHistoryTo(Lane.DONE))
                .when(new MarkDoneCriterion(ITEM_ID, lead(), null, "criterion-99", true))
                .expectEvents(new ActionBlocked(ITEM_ID, "mark-done-criterion", LEAD,
                        List.of(recorded("item-open", DocumentedGuidance.itemClosed("Mark done criterion")))));
    }

    @Test
    void actionWithStaleExpectedVersionIsRejectedAndRecordsNothing() {
        fixture.given(seedHistoryTo(Lane.READY))
                .when(new PerformAction(ITEM_ID, ActionType.START_EXECUTION, lead(), 0L, null, null))
                .expectException(rejected(Reason.STALE_VERSION, 1,
                        "Item wi-BF-276 is at version 1, not 0; reload it and decide again."))
                .expectNoEvents();
    }

    @Test
    void actionWithAnExpectedVersionAheadOfTheItemIsRejected() {
        fixture.given(seedHistoryTo(Lane.READY))
                .when(new PerformAction(ITEM_ID, ActionType.START_EXECUTION, lead(), 7L, null, null))
                .expectException(rejected(Reason.STALE_VERSION, 1,
                        "Item wi-BF-276 is at version 1, not 7; reload it and decide again."))
                .expectNoEvents();
    }

    @Test
    void actionWithTheCurrentExpectedVersionIsApplied() {
        fixture.given(seedHistoryTo(Lane.READY))
                .when(new PerformAction(ITEM_ID, ActionType.START_EXECUTION, lead(), 1L, null, null))
                .expectResultMessagePayloadMatching(applied(2, Lane.IN_PROGRESS));
    }

    @Test
    void staleVersionIsCheckedBeforeAnythingElseSoARepeatedActionIsNotAnsweredAsAlreadyDone() {
        fixture.given(seedHistoryTo(Lane.REVIEW))
                .when(new PerformAction(ITEM_ID, ActionType.REQUEST_REVIEW, lead(), 2L, null, null))
                .expectException(rejected(Reason.STALE_VERSION))
                .expectNoEvents();
    }

    @Test
    void aBlockedAttemptAdvancesTheVersionSoTheOldVersionIsStale() {
        List<Object> history = new ArrayList<>(seedHistoryTo(Lane.DONE));
        history.add(new ActionBlocked(ITEM_ID, "start-execution", LEAD, List.of(
                recorded("lane-transition", DocumentedGuidance.doneStaysClosed("Start execution")))));

        fixture.given(history)
                .when(new PerformAction(ITEM_ID, ActionType.RECORD_HISTORY, lead(), 4L, null, null))
                .expectException(rejected(Reason.STALE_VERSION, 5,
                        "Item wi-BF-276 is at version 5, not 4; reload it and decide again."))
                .expectNoEvents();
    }

    @Test
    void editWithStaleExpectedVersionIsRejectedAndRecordsNothing() {
        List<Object> history = new ArrayList<>(seedHistoryTo(Lane.BACKLOG));
        history.add(new MarkedReady(ITEM_ID));

        fixture.given(history)
                .when(new LinkPullRequest(ITEM_ID, lead(), 0L, OPEN_PR))
                .expectException(rejected(Reason.STALE_VERSION, 1,
                        "Item wi-BF-276 is at version 1, not 0; reload it and decide again."))
                .expectNoEvents();
    }

    @Test
    void updateDetailsWithStaleExpectedVersionIsRejectedAndRecordsNothing() {
        fixture.given(seedHistoryTo(Lane.IN_PROGRESS))
                .when(new UpdateWorkItemDetails(ITEM_ID, lead(), 1L, titleAndBranch("x", null)))
                .expectException(rejected(Reason.STALE_VERSION, 2,
                        "Item wi-BF-276 is at version 2, not 1; reload it and decide again."))
                .expectNoEvents();
    }
}
