package com.buildfactory.controlplane.domain.truth;

import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;
import com.buildfactory.controlplane.domain.workitem.WorkItem;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import com.buildfactory.controlplane.domain.workitem.api.ActionBlocked;
import com.buildfactory.controlplane.domain.workitem.api.BlockedGate;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected;
import com.buildfactory.controlplane.domain.workitem.api.DriftReconciled;
import com.buildfactory.controlplane.domain.workitem.api.ExecutionStarted;
import com.buildfactory.controlplane.domain.workitem.api.MarkedReady;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import com.buildfactory.controlplane.domain.workitem.api.ReportTruthSignal;
import com.buildfactory.controlplane.domain.workitem.api.ReviewRequested;
import com.buildfactory.controlplane.domain.workitem.api.TruthSignalReported;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCompleted;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reporting truth signals and reconciling drift, given/when/then on the WorkItem aggregate. */
class ReconcileTest {

    private static final String ID = "wi-BF-7";
    private static final Actor ADMIN = new Actor("admin", Set.of("*"));
    private static final Actor RUNNER = new Actor("runner", Set.of("factory.work-item.report-signal"));
    private static final Actor RECONCILER = new Actor("reconciler", Set.of("factory.work-item.reconcile"));
    private static final Instant SEEN = Instant.parse("2026-11-28T09:00:00Z");

    private AggregateTestFixture<WorkItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WorkItem.class);
        fixture.registerInjectableResource(new ActionPolicy());
    }

    @Test
    void aReportedSignalIsRecorded() {
        fixture.given(created(true), new MarkedReady(ID), new ExecutionStarted(ID), new ReviewRequested(ID))
                .when(report(RUNNER, TruthSignal.STATUS, "done"))
                .expectEvents(new TruthSignalReported(ID, TruthSignal.STATUS, "done", SEEN.toString()));
    }

    @Test
    void reportingTheValueASignalAlreadyHasRecordsNothing() {
        fixture.given(created(true), new MarkedReady(ID))
                .when(report(RUNNER, TruthSignal.STATUS, "ready"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aValueOutsideTheVocabularyIsRefused() {
        fixture.given(created(true))
                .when(report(RUNNER, TruthSignal.STATE, "abandoned"))
                .expectNoEvents()
                .expectException(CommandRejected.class);
    }

    @Test
    void reportingWithoutThePermissionIsRefused() {
        fixture.given(created(true))
                .when(report(RECONCILER, TruthSignal.STATUS, "done"))
                .expectNoEvents()
                .expectException(CommandRejected.class);
    }

    @Test
    void reconcileCompletesAReviewItemWhoseRunnerSaysDone() {
        fixture.given(inReview(true, new TruthSignalReported(ID, TruthSignal.STATUS, "done", SEEN.toString())))
                .when(reconcile(ADMIN))
                .expectEvents(new DriftReconciled(ID, "complete", List.of("status done while the lane is Review")),
                        new WorkItemCompleted(ID));
    }

    @Test
    void reconcileRunsTheResolvingActionThroughItsOwnGates() {
        fixture.given(inReview(false, new TruthSignalReported(ID, TruthSignal.STATUS, "done", SEEN.toString())))
                .when(reconcile(ADMIN))
                .expectEvents(new ActionBlocked(ID, "reconcile", "admin", List.of(
                        new BlockedGate("drift-resolvable",
                                "Reconcile would apply Complete for status done while the lane is Review, which is"
                                        + " blocked: 1 of 1 done criteria are not met: works.",
                                "Reconcile applies Complete under its own policy: Done-criteria policy lets"
                                        + " Complete close an item only when every done criterion is met.",
                                "Mark the remaining done criteria met, then retry Reconcile.",
                                "Safe to retry Reconcile once every done criterion is met."))));
    }

    @Test
    void reconcileNeedsThePermissionOfTheResolvingActionToo() {
        fixture.given(inReview(true, new TruthSignalReported(ID, TruthSignal.STATUS, "done", SEEN.toString())))
                .when(reconcile(RECONCILER))
                .expectEvents(new ActionBlocked(ID, "reconcile", "reconciler", List.of(
                        new BlockedGate("drift-resolvable",
                                "Reconcile would apply Complete for status done while the lane is Review, which is"
                                        + " blocked: Actor reconciler lacks permission factory.work-item.complete.",
                                "Reconcile applies Complete under its own policy: Permission policy requires"
                                        + " factory.work-item.complete to run Complete.",
                                "Use a token that holds factory.work-item.complete, or ask an administrator to"
                                        + " grant it.",
                                "Do not retry Reconcile with the same token; it will be refused again."))));
    }

    @Test
    void reconcileIsBlockedOnADoneItemWhosePullRequestWasClosed() {
        fixture.given(inReview(true, new WorkItemCompleted(ID),
                        new TruthSignalReported(ID, TruthSignal.STATE, "closed", SEEN.toString())))
                .when(reconcile(ADMIN))
                .expectEvents(new ActionBlocked(ID, "reconcile", "admin", List.of(
                        new BlockedGate("drift-resolvable",
                                "Done items stay closed; Reconcile cannot resolve state closed while the lane is"
                                        + " Done.",
                                "Reconciliation policy never lets Reconcile move an item backward, except from"
                                        + " Review to In Progress.",
                                "Create a net-new work item (create-follow-up) if more delivery is needed instead"
                                        + " of reopening this one.",
                                "Do not retry Reconcile until a signal changes; it will be blocked again."))));
    }

    @Test
    void reconcileOnAConsistentItemIsAlreadyDone() {
        fixture.given(inReview(true))
                .when(reconcile(ADMIN))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    private static ReportTruthSignal report(Actor actor, TruthSignal signal, String value) {
        return new ReportTruthSignal(ID, actor, null, signal, value, SEEN);
    }

    private static PerformAction reconcile(Actor actor) {
        return new PerformAction(ID, ActionType.RECONCILE, actor, null, null, null);
    }

    private static List<Object> inReview(boolean criteriaMet, Object... then) {
        List<Object> events = new ArrayList<>(List.of(created(criteriaMet), new MarkedReady(ID),
                new ExecutionStarted(ID), new ReviewRequested(ID)));
        events.addAll(List.of(then));
        return events;
    }

    private static WorkItemCreated created(boolean criteriaMet) {
        return new WorkItemCreated(ID, "BF-7", "Item", null, WorkType.FEATURE, null, null, null,
                List.of(new DoneCriterion("works", criteriaMet)), null, null);
    }
}
