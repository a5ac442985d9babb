package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.DocumentedGuidance;
import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.domain.workitem.PullRequest;
import com.buildfactory.controlplane.domain.workitem.PullRequestState;
import com.buildfactory.controlplane.domain.workitem.ReleaseCheck;
import com.buildfactory.controlplane.domain.workitem.ReleasePreparation;
import com.buildfactory.controlplane.domain.workitem.Scenarios;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;
import com.buildfactory.controlplane.domain.workitem.WorkType;

import java.util.List;

import static com.buildfactory.controlplane.domain.workitem.Scenarios.ITEM_ID;

/** One fully populated instance of every WorkItemEvent, in an order that makes a valid history. */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static List<WorkItemEvent> all() {
        return List.of(
                Scenarios.created(new PullRequest("https://example.test/pull/1", PullRequestState.OPEN),
                        List.of(new DoneCriterion("runbook", false), new DoneCriterion("drill", true))),
                new WorkItemDetailsUpdated(ITEM_ID, "New title", "New description — with ünïcode", WorkType.CHORE,
                        "bf/new-branch", "./scripts/validate.sh", new PromptContext("./p.md", "line 1\nline 2")),
                new DoneCriteriaRevised(ITEM_ID, List.of(new DoneCriterion("drill", true),
                        new DoneCriterion("runbook", false), new DoneCriterion("uptime", false))),
                new PullRequestLinked(ITEM_ID, Scenarios.PR),
                new DoneCriterionMarked(ITEM_ID, "runbook", true),
                new MarkedReady(ITEM_ID),
                new ExecutionStarted(ITEM_ID),
                new ReviewRequested(ITEM_ID),
                new ChangesRequested(ITEM_ID),
                new ActionBlocked(ITEM_ID, "complete", "lead", List.of(
                        DocumentedGuidance.recorded("lane-transition", DocumentedGuidance.laneTransition(
                                ActionType.COMPLETE,
                                Lane.IN_PROGRESS).orElseThrow()),
                        DocumentedGuidance.recorded("done-criteria", DocumentedGuidance.noDoneCriteria()))),
                new ReviewRequested(ITEM_ID),
                new DoneCriterionMarked(ITEM_ID, "uptime", true),
                new TruthSignalReported(ITEM_ID, TruthSignal.STATUS, "done", "2026-11-28T09:00:00Z"),
                new DriftReconciled(ITEM_ID, "complete", List.of("status done while the lane is Review")),
                new WorkItemCompleted(ITEM_ID),
                new ReleasePrepared(ITEM_ID, new ReleasePreparation(false, List.of(
                        new ReleaseCheck("pull-request-linked", true, Scenarios.PR.url()),
                        new ReleaseCheck("pull-request-not-closed", false, "Pull request is closed.")))),
                new HistoryRecorded(ITEM_ID, "after release preparation"),
                new HistoryRecorded(ITEM_ID, null),
                new FollowUpCreated(ITEM_ID, "wi-BF-300"),
                new FollowUpCreated(ITEM_ID, "wi-BF-301"));
    }
}
