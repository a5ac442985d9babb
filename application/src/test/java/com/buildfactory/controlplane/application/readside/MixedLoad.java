package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.axon.WorkItemCommands;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.domain.workitem.PullRequest;
import com.buildfactory.controlplane.domain.workitem.PullRequestState;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;
import com.buildfactory.controlplane.domain.workitem.WorkItemKey;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import com.buildfactory.controlplane.domain.workitem.api.CreateWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.DetailsChange;
import com.buildfactory.controlplane.domain.workitem.api.LinkPullRequest;
import com.buildfactory.controlplane.domain.workitem.api.MarkDoneCriterion;
import com.buildfactory.controlplane.domain.workitem.api.NewWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import com.buildfactory.controlplane.domain.workitem.api.ReportTruthSignal;
import com.buildfactory.controlplane.domain.workitem.api.UpdateWorkItemDetails;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded mix of every kind of command over many items: lane moves forward and back, blocked attempts, signals,
 * reconciles, edits, criteria, release preparation, history records and follow-ups. Refused commands are part of
 * the mix (they store nothing) and are counted apart.
 */
final class MixedLoad {

    static final Actor ADMIN = new Actor("admin", Set.of("*"));
    private static final Actor RUNNER = new Actor("runner", Set.of("factory.work-item.report-signal"));
    private static final ActionType[] ACTIONS = ActionType.values();
    private static final WorkType[] TYPES = WorkType.values();

    private final WorkItemCommands commands;
    private final Random random;
    private final String project;
    private final List<String> items = new ArrayList<>();
    private int created;
    int accepted;
    int refused;

    MixedLoad(WorkItemCommands commands, long seed, String project) {
        this.commands = commands;
        this.random = new Random(seed);
        this.project = project;
    }

    List<String> items() {
        return items;
    }

    /** Sends one command; returns the id of the item it concerned. */
    String next() {
        if (items.isEmpty() || random.nextInt(12) == 0) {
            return send(create(), ADMIN);
        }
        String id = items.get(random.nextInt(items.size()));
        int kind = random.nextInt(20);
        Object command;
        Actor actor = ADMIN;
        if (kind < 9) {
            command = action(id, forwardBiased());
        } else if (kind < 13) {
            TruthSignal signal = TruthSignal.values()[random.nextInt(3)];
            List<String> values = signal.vocabulary();
            command = new ReportTruthSignal(id, RUNNER, null, signal, values.get(random.nextInt(values.size())),
                    Instant.now().minusSeconds(random.nextInt(60)));
            actor = RUNNER;
        } else if (kind < 15) {
            command = action(id, ActionType.RECONCILE);
        } else if (kind < 17) {
            command = new MarkDoneCriterion(id, ADMIN, null, "c" + random.nextInt(3), random.nextInt(4) != 0);
        } else if (kind == 17) {
            command = new UpdateWorkItemDetails(id, ADMIN, null, new DetailsChange("Title " + random.nextInt(1000),
                    null, TYPES[random.nextInt(TYPES.length)], null, null, null, null));
        } else if (kind == 18) {
            command = new LinkPullRequest(id, ADMIN, null, new PullRequest("https://example.org/pr/"
                    + random.nextInt(100), PullRequestState.values()[random.nextInt(3)]));
        } else {
            ActionType other = ACTIONS[random.nextInt(ACTIONS.length)];
            command = other == ActionType.CREATE_FOLLOW_UP ? followUp(id) : action(id, other);
        }
        return send(command, actor);
    }

    private ActionType forwardBiased() {
        return switch (random.nextInt(7)) {
            case 0 -> ActionType.MARK_READY;
            case 1 -> ActionType.START_EXECUTION;
            case 2 -> ActionType.REQUEST_REVIEW;
            case 3 -> ActionType.REQUEST_CHANGES;
            case 4 -> ActionType.COMPLETE;
            case 5 -> ActionType.PREPARE_RELEASE;
            default -> ActionType.RECORD_HISTORY;
        };
    }

    private String send(Object command, Actor actor) {
        String id = itemOf(command);
        try {
            Object result = commands.send(command, actor);
            accepted++;
            if (command instanceof CreateWorkItem) {
                items.add(id);
            }
            if (result instanceof ActionOutcome outcome && outcome.createdItemId() != null) {
                items.add(outcome.createdItemId());
            }
        } catch (RuntimeException e) {
            refused++;
        }
        return id;
    }

    private CreateWorkItem create() {
        WorkItemKey key = new WorkItemKey(project + "-" + (++created));
        return new CreateWorkItem(key.itemId(), ADMIN, newItem(key));
    }

    private PerformAction followUp(String id) {
        WorkItemKey key = new WorkItemKey(project + "-" + (++created));
        return new PerformAction(id, ActionType.CREATE_FOLLOW_UP, ADMIN, null, null, newItem(key));
    }

    private NewWorkItem newItem(WorkItemKey key) {
        List<DoneCriterion> criteria = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            criteria.add(new DoneCriterion("c" + i, random.nextBoolean()));
        }
        return new NewWorkItem(key, "Item " + key.value(), "Generated", TYPES[random.nextInt(TYPES.length)],
                "bf/" + key.value(), "./validate", random.nextBoolean()
                ? new PullRequest("https://example.org/pr/" + key.value(), PullRequestState.OPEN) : null,
                criteria, new PromptContext("./prompts/" + key.value() + ".md", "Prompt " + key.value()));
    }

    private PerformAction action(String id, ActionType action) {
        return new PerformAction(id, action, ADMIN, null, random.nextInt(3) == 0 ? "note" : null, null);
    }

    private static String itemOf(Object command) {
        if (command instanceof CreateWorkItem c) {
            return c.itemId();
        }
        if (command instanceof PerformAction c) {
            return c.itemId();
        }
        if (command instanceof ReportTruthSignal c) {
            return c.itemId();
        }
        if (command instanceof MarkDoneCriterion c) {
            return c.itemId();
        }
        if (command instanceof UpdateWorkItemDetails c) {
            return c.itemId();
        }
        return ((LinkPullRequest) command).itemId();
    }
}
