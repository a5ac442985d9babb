package com.buildfactory.controlplane.domain.workitem;

import com.buildfactory.controlplane.domain.policy.ActionAvailability;
import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.GateResult;
import com.buildfactory.controlplane.domain.policy.ItemEdit;
import com.buildfactory.controlplane.domain.policy.Operation;
import com.buildfactory.controlplane.domain.truth.Drift;
import com.buildfactory.controlplane.domain.truth.Reconciliation;
import com.buildfactory.controlplane.domain.workitem.api.ActionBlocked;
import com.buildfactory.controlplane.domain.workitem.api.DriftReconciled;
import com.buildfactory.controlplane.domain.workitem.api.ReportTruthSignal;
import com.buildfactory.controlplane.domain.workitem.api.TruthSignalReported;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome.Result;
import com.buildfactory.controlplane.domain.workitem.api.BlockedGate;
import com.buildfactory.controlplane.domain.workitem.api.ChangesRequested;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected.Reason;
import com.buildfactory.controlplane.domain.workitem.api.CreateWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.DetailsChange;
import com.buildfactory.controlplane.domain.workitem.api.DoneCriteriaRevised;
import com.buildfactory.controlplane.domain.workitem.api.DoneCriterionMarked;
import com.buildfactory.controlplane.domain.workitem.api.ExecutionStarted;
import com.buildfactory.controlplane.domain.workitem.api.FollowUpCreated;
import com.buildfactory.controlplane.domain.workitem.api.HistoryRecorded;
import com.buildfactory.controlplane.domain.workitem.api.LinkPullRequest;
import com.buildfactory.controlplane.domain.workitem.api.MarkDoneCriterion;
import com.buildfactory.controlplane.domain.workitem.api.MarkedReady;
import com.buildfactory.controlplane.domain.workitem.api.NewWorkItem;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import com.buildfactory.controlplane.domain.workitem.api.PullRequestLinked;
import com.buildfactory.controlplane.domain.workitem.api.ReleasePrepared;
import com.buildfactory.controlplane.domain.workitem.api.ReviewRequested;
import com.buildfactory.controlplane.domain.workitem.api.UpdateWorkItemDetails;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCompleted;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemDetailsUpdated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * A work item, event-sourced. Every command asks the {@link ActionPolicy} first and then either applies its event,
 * answers "already done" without one, records the blocked attempt, or is refused before anything is stored.
 */
public class WorkItem {

    @AggregateIdentifier
    private String id;
    private ItemState state;
    private long version = -1;

    protected WorkItem() {
        // for Axon and for snapshots
    }

    @CommandHandler
    public WorkItem(CreateWorkItem command, ActionPolicy policy) {
        refuseWithoutPermission(policy.evaluate(null, command.actor(), ItemEdit.CREATE), -1);
        apply(WorkItemCreated.of(command.itemId(), command.item(), null));
    }

    private WorkItem(String itemId, NewWorkItem item, String followUpOf) {
        apply(WorkItemCreated.of(itemId, item, followUpOf));
    }

    @CommandHandler
    public ActionOutcome handle(PerformAction command, ActionPolicy policy) {
        ActionType action = command.action();
        return decide(policy, command.actor(), command.expectedVersion(), action, () -> perform(action, command));
    }

    @CommandHandler
    public ActionOutcome handle(UpdateWorkItemDetails command, ActionPolicy policy) {
        return decide(policy, command.actor(), command.expectedVersion(), ItemEdit.UPDATE_DETAILS,
                () -> updateDetails(command.change()));
    }

    @CommandHandler
    public ActionOutcome handle(LinkPullRequest command, ActionPolicy policy) {
        return decide(policy, command.actor(), command.expectedVersion(), ItemEdit.LINK_PULL_REQUEST, () -> {
            if (Objects.equals(state.pullRequest(), command.pullRequest())) {
                return EffectResult.UNCHANGED;
            }
            apply(new PullRequestLinked(id, command.pullRequest()));
            return EffectResult.CHANGED;
        });
    }

    @CommandHandler
    public ActionOutcome handle(MarkDoneCriterion command, ActionPolicy policy) {
        return decide(policy, command.actor(), command.expectedVersion(), ItemEdit.MARK_DONE_CRITERION, () -> {
            if (!state.hasCriterion(command.criterion())) {
                throw new CommandRejected(Reason.UNKNOWN_CRITERION,
                        "Item " + id + " has no done criterion named '" + command.criterion() + "'.", null, version);
            }
            boolean alreadyMet = state.doneCriteria().stream()
                    .anyMatch(c -> c.name().equals(command.criterion()) && c.met() == command.met());
            if (alreadyMet) {
                return EffectResult.UNCHANGED;
            }
            apply(new DoneCriterionMarked(id, command.criterion(), command.met()));
            return EffectResult.CHANGED;
        });
    }

    @CommandHandler
    public ActionOutcome handle(ReportTruthSignal command, ActionPolicy policy) {
        if (!command.signal().accepts(command.value())) {
            throw new CommandRejected(Reason.SIGNAL_OUTSIDE_VOCABULARY, command.signal().slug() + " '"
                    + command.value() + "' is not one of " + String.join(", ", command.signal().vocabulary()) + ".",
                    null, version);
        }
        return decide(policy, command.actor(), command.expectedVersion(), ItemEdit.REPORT_SIGNAL, () -> {
            if (command.value().equals(command.signal().valueOf(state.signals()))) {
                return EffectResult.UNCHANGED;
            }
            apply(new TruthSignalReported(id, command.signal(), command.value(),
                    command.observedAt() == null ? null : command.observedAt().toString()));
            return EffectResult.CHANGED;
        });
    }

    @EventSourcingHandler
    void on(WorkItemEvent event, @SequenceNumber long sequenceNumber) {
        id = event.itemId();
        state = event.evolve(state);
        version = sequenceNumber;
    }

    /** Guards, then applies: the one path every command on an existing item takes. */
    private ActionOutcome decide(ActionPolicy policy, Actor actor, Long expectedVersion, Operation operation,
                                 Effect effect) {
        if (expectedVersion != null && expectedVersion != version) {
            throw new CommandRejected(Reason.STALE_VERSION, "Item " + id + " is at version " + version
                    + ", not " + expectedVersion + "; reload it and decide again.", null, version);
        }
        ActionAvailability availability = policy.evaluate(state, actor, operation);
        refuseWithoutPermission(availability, version);
        if (availability.alreadyDone()) {
            return outcome(Result.ALREADY_DONE, availability, null);
        }
        if (!availability.enabled()) {
            apply(new ActionBlocked(id, operation.identity(), actor.name(), blockedGates(availability)));
            return outcome(Result.BLOCKED, availability, null);
        }
        EffectResult result = effect.run();
        return outcome(result.changed() ? Result.APPLIED : Result.ALREADY_DONE, availability, result.createdItemId());
    }

    private EffectResult perform(ActionType action, PerformAction command) {
        switch (action) {
            case MARK_READY -> apply(new MarkedReady(id));
            case START_EXECUTION -> apply(new ExecutionStarted(id));
            case REQUEST_REVIEW -> apply(new ReviewRequested(id));
            case REQUEST_CHANGES -> apply(new ChangesRequested(id));
            case COMPLETE -> apply(new WorkItemCompleted(id));
            case PREPARE_RELEASE -> apply(new ReleasePrepared(id, ReleaseChecks.run(state)));
            case RECORD_HISTORY -> apply(new HistoryRecorded(id, command.note()));
            case CREATE_FOLLOW_UP -> {
                return createFollowUp(command.followUp());
            }
            case RECONCILE -> {
                return reconcile(command);
            }
        }
        return EffectResult.CHANGED;
    }

    /** The policy's drift-resolvable gate has checked the resolving action for this actor; run it the normal way. */
    private EffectResult reconcile(PerformAction command) {
        Reconciliation reconciliation = Reconciliation.of(state);
        ActionType resolution = reconciliation.resolvingAction().orElseThrow();
        apply(new DriftReconciled(id, resolution.identity(),
                reconciliation.drifts().stream().map(Drift::summary).toList()));
        return perform(resolution, command);
    }

    private EffectResult createFollowUp(NewWorkItem followUp) {
        if (followUp == null) {
            throw new CommandRejected(Reason.FOLLOW_UP_MISSING,
                    "Create follow-up needs the new item's key and title.", null, version);
        }
        String followUpId = followUp.key().itemId();
        if (followUpId.equals(id)) {
            // Creating this very aggregate again inside its own command would fail deep in Axon, as a 500.
            throw new CommandRejected(Reason.FOLLOW_UP_IS_THIS_ITEM, "A follow-up needs a key of its own: "
                    + followUp.key().value() + " is this item's key. Nothing was changed.", null, version);
        }
        try {
            createNew(WorkItem.class, () -> new WorkItem(followUpId, followUp, id));
        } catch (Exception e) {
            throw new IllegalStateException("Follow-up " + followUpId + " could not be created", e);
        }
        apply(new FollowUpCreated(id, followUpId));
        return new EffectResult(true, followUpId);
    }

    private EffectResult updateDetails(DetailsChange change) {
        WorkItemDetailsUpdated details = new WorkItemDetailsUpdated(id,
                orElse(change.title(), state.title()),
                orElse(change.description(), state.description()),
                orElse(change.workType(), state.workType()),
                orElse(change.branch(), state.branch()),
                orElse(change.validationCommand(), state.validationCommand()),
                orElse(change.promptContext(), state.promptContext()));
        boolean changed = false;
        if (!details.evolve(state).equals(state)) {
            apply(details);
            changed = true;
        }
        if (change.doneCriteria() != null) {
            List<DoneCriterion> revised = revisedCriteria(change.doneCriteria());
            if (!revised.equals(state.doneCriteria())) {
                apply(new DoneCriteriaRevised(id, revised));
                changed = true;
            }
        }
        return changed ? EffectResult.CHANGED : EffectResult.UNCHANGED;
    }

    private List<DoneCriterion> revisedCriteria(List<String> names) {
        Map<String, Boolean> metByName = state.doneCriteria().stream()
                .collect(Collectors.toMap(DoneCriterion::name, DoneCriterion::met));
        List<DoneCriterion> revised = new ArrayList<>(names.size());
        for (String name : names) {
            revised.add(new DoneCriterion(name, metByName.getOrDefault(name, false)));
        }
        return revised;
    }

    private ActionOutcome outcome(Result result, ActionAvailability availability, String createdItemId) {
        return new ActionOutcome(result, availability, state, version, createdItemId);
    }

    private static void refuseWithoutPermission(ActionAvailability availability, long version) {
        if (availability.permissionMissing()) {
            throw new CommandRejected(Reason.PERMISSION_MISSING, availability.blockedGates().get(0).reason(),
                    availability, version);
        }
    }

    private static List<BlockedGate> blockedGates(ActionAvailability availability) {
        return availability.blockedGates().stream().map(WorkItem::blockedGate).toList();
    }

    private static BlockedGate blockedGate(GateResult gate) {
        return new BlockedGate(gate.gate(), gate.guidance().cause(), gate.guidance().policyContext(),
                gate.guidance().nextStep(), gate.guidance().safeRetry());
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    @FunctionalInterface
    private interface Effect {
        EffectResult run();
    }

    private record EffectResult(boolean changed, String createdItemId) {
        static final EffectResult CHANGED = new EffectResult(true, null);
        static final EffectResult UNCHANGED = new EffectResult(false, null);
    }

}
