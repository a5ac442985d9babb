package com.buildfactory.controlplane.domain.workitem;

import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;
import com.buildfactory.controlplane.domain.workitem.api.ExecutionStarted;
import com.buildfactory.controlplane.domain.workitem.api.MarkedReady;
import com.buildfactory.controlplane.domain.workitem.api.NewWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.ReviewRequested;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCompleted;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** The seed item wi-BF-276 and the actors and histories the domain tests start from. */
public final class Scenarios {

    public static final String ITEM_ID = "wi-BF-276";
    public static final WorkItemKey KEY = new WorkItemKey("BF-276");
    public static final String TITLE =
            "Staging environment topology + branch-based deploy pipeline and backup/recovery strategy";
    public static final String DESCRIPTION = "Establish the staging environment and production backup/recovery "
            + "strategy to complete the production operations lifecycle.";
    public static final String BRANCH = "bf/BF-276-staging-environment-backup-recovery";
    public static final String VALIDATION = "./scripts/validate-local.ps1";
    public static final PullRequest PR =
            new PullRequest("https://github.com/SingletonTheory/build-factory-bootstrap/pull/323",
                    PullRequestState.MERGED);
    public static final PromptContext PROMPT =
            new PromptContext("./work-items/prompts/wi-BF-276.prompt.md", DESCRIPTION);

    public static final String LEAD = "lead";
    public static final String RESTRICTED = "restricted-bot";

    private Scenarios() {
    }

    /** The seed's actor: holds every permission the control plane knows, listed one by one. */
    public static Actor lead() {
        return new Actor(LEAD, Set.copyOf(Permissions.KNOWN));
    }

    /** Holds every known permission except the one named. */
    public static Actor without(String permission) {
        Set<String> held = new HashSet<>(Permissions.KNOWN);
        held.remove(permission);
        return new Actor(RESTRICTED, held);
    }

    public static List<DoneCriterion> criteria(int count, boolean met) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> new DoneCriterion(String.format("criterion-%02d", n), met))
                .toList();
    }

    /** The seed's 32 done criteria, all met. */
    public static List<DoneCriterion> seedCriteria() {
        return criteria(32, true);
    }

    public static NewWorkItem newItem(WorkItemKey key, PullRequest pullRequest, List<DoneCriterion> criteria) {
        return new NewWorkItem(key, TITLE, DESCRIPTION, WorkType.OPERATIONS, BRANCH, VALIDATION, pullRequest,
                criteria, PROMPT);
    }

    public static NewWorkItem seedItem() {
        return newItem(KEY, PR, seedCriteria());
    }

    public static WorkItemCreated created(PullRequest pullRequest, List<DoneCriterion> criteria) {
        return new WorkItemCreated(ITEM_ID, "BF-276", TITLE, DESCRIPTION, WorkType.OPERATIONS, BRANCH, VALIDATION,
                pullRequest, criteria, PROMPT, null);
    }

    public static WorkItemCreated seedCreated() {
        return created(PR, seedCriteria());
    }

    /** The events that bring an item from creation into the given lane by the documented path. */
    public static List<Object> historyTo(Lane lane, WorkItemCreated created) {
        List<Object> events = new ArrayList<>();
        events.add(created);
        if (!lane.isBefore(Lane.READY)) {
            events.add(new MarkedReady(created.itemId()));
        }
        if (!lane.isBefore(Lane.IN_PROGRESS)) {
            events.add(new ExecutionStarted(created.itemId()));
        }
        if (!lane.isBefore(Lane.REVIEW)) {
            events.add(new ReviewRequested(created.itemId()));
        }
        if (lane == Lane.DONE) {
            events.add(new WorkItemCompleted(created.itemId()));
        }
        return events;
    }

    public static List<Object> seedHistoryTo(Lane lane) {
        return historyTo(lane, seedCreated());
    }

    /** The sequence number of the last event of {@link #historyTo}: the item's version in that lane. */
    public static long versionIn(Lane lane) {
        return lane.ordinal();
    }

    /** Built directly, not from events, so that policy tests do not depend on how events evolve state. */
    public static ItemState stateIn(Lane lane, PullRequest pullRequest, List<DoneCriterion> criteria) {
        return new ItemState(ITEM_ID, "BF-276", TITLE, DESCRIPTION, WorkType.OPERATIONS, BRANCH, VALIDATION,
                pullRequest, criteria, PROMPT, lane, null, null, List.of(), null);
    }

    public static ItemState seedStateIn(Lane lane) {
        return stateIn(lane, PR, seedCriteria());
    }
}
