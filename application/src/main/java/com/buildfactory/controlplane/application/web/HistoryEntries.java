package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.domain.workitem.api.ActionBlocked;
import com.buildfactory.controlplane.domain.workitem.api.ChangesRequested;
import com.buildfactory.controlplane.domain.workitem.api.DoneCriteriaRevised;
import com.buildfactory.controlplane.domain.workitem.api.DoneCriterionMarked;
import com.buildfactory.controlplane.domain.workitem.api.DriftReconciled;
import com.buildfactory.controlplane.domain.workitem.api.ExecutionStarted;
import com.buildfactory.controlplane.domain.workitem.api.FollowUpCreated;
import com.buildfactory.controlplane.domain.workitem.api.HistoryRecorded;
import com.buildfactory.controlplane.domain.workitem.api.MarkedReady;
import com.buildfactory.controlplane.domain.workitem.api.PullRequestLinked;
import com.buildfactory.controlplane.domain.workitem.api.ReleasePrepared;
import com.buildfactory.controlplane.domain.workitem.api.ReviewRequested;
import com.buildfactory.controlplane.domain.workitem.api.TruthSignalReported;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCompleted;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemDetailsUpdated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.history.TimelineEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Turns an item's timeline into history entries and the time it spent in each lane. */
final class HistoryEntries {

    private HistoryEntries() {
    }

    static HistoryView.Entry entry(TimelineEvent e, Actor reader) {
        WorkItemEvent event = reader.holds(Permissions.VIEW_PROMPT_CONTEXT) ? e.event() : withoutPromptText(e.event());
        boolean blocked = event instanceof ActionBlocked;
        return new HistoryView.Entry(e.position(), e.sequenceNumber(), e.at(), e.actor(),
                event.getClass().getSimpleName(), action(event), blocked ? "blocked" : "applied",
                e.before() == null ? null : e.before().lane().label(), e.after().lane().label(),
                event instanceof ActionBlocked b ? b.gates() : null, event);
    }

    /** The history shows prompt context only to actors who may see it, as the page does. */
    static WorkItemEvent withoutPromptText(WorkItemEvent event) {
        if (event instanceof WorkItemCreated c && c.promptContext() != null) {
            return new WorkItemCreated(c.itemId(), c.key(), c.title(), c.description(), c.workType(), c.branch(),
                    c.validationCommand(), c.pullRequest(), c.doneCriteria(), redacted(c.promptContext()),
                    c.followUpOf());
        }
        if (event instanceof WorkItemDetailsUpdated u && u.promptContext() != null) {
            return new WorkItemDetailsUpdated(u.itemId(), u.title(), u.description(), u.workType(), u.branch(),
                    u.validationCommand(), redacted(u.promptContext()));
        }
        return event;
    }

    private static PromptContext redacted(PromptContext context) {
        return new PromptContext(context.path(), null);
    }

    private static final Map<Class<? extends WorkItemEvent>, String> ACTIONS = Map.ofEntries(
            Map.entry(WorkItemDetailsUpdated.class, "update-details"),
            Map.entry(DoneCriteriaRevised.class, "update-details"),
            Map.entry(PullRequestLinked.class, "link-pull-request"),
            Map.entry(DoneCriterionMarked.class, "mark-done-criterion"),
            Map.entry(MarkedReady.class, "mark-ready"),
            Map.entry(ExecutionStarted.class, "start-execution"),
            Map.entry(ReviewRequested.class, "request-review"),
            Map.entry(ChangesRequested.class, "request-changes"),
            Map.entry(WorkItemCompleted.class, "complete"),
            Map.entry(ReleasePrepared.class, "prepare-release"),
            Map.entry(HistoryRecorded.class, "record-history"),
            Map.entry(FollowUpCreated.class, "create-follow-up"),
            Map.entry(TruthSignalReported.class, "report-signal"),
            Map.entry(DriftReconciled.class, "reconcile"));

    /** The action or edit that caused an event, by the identities the API uses. */
    static String action(WorkItemEvent event) {
        if (event instanceof WorkItemCreated created) {
            return created.followUpOf() == null ? "create" : "create-follow-up";
        }
        if (event instanceof ActionBlocked blocked) {
            return blocked.action();
        }
        return ACTIONS.getOrDefault(event.getClass(), event.getClass().getSimpleName());
    }

    static List<HistoryView.LaneTime> timeInLanes(List<TimelineEvent> events, Instant now) {
        Map<Lane, Duration> totals = new EnumMap<>(Lane.class);
        Map<Lane, Integer> visits = new EnumMap<>(Lane.class);
        Lane lane = null;
        Instant since = null;
        for (TimelineEvent e : events) {
            Lane after = e.after().lane();
            if (after != lane) {
                if (lane != null) {
                    totals.merge(lane, Duration.between(since, e.at()), Duration::plus);
                }
                visits.merge(after, 1, Integer::sum);
                lane = after;
                since = e.at();
            }
        }
        if (lane != null) {
            totals.merge(lane, Duration.between(since, now).isNegative() ? Duration.ZERO
                    : Duration.between(since, now), Duration::plus);
        }
        List<HistoryView.LaneTime> times = new ArrayList<>();
        for (Map.Entry<Lane, Duration> total : totals.entrySet()) {
            times.add(new HistoryView.LaneTime(total.getKey().label(), total.getValue().toSeconds(),
                    total.getValue().toString(), visits.get(total.getKey()), total.getKey() == lane));
        }
        return times;
    }
}
