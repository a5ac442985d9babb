package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.Lane;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The actions of the control plane, each with its identity, label, description, permission and gates. */
public enum ActionType implements Operation {
    MARK_READY("mark-ready", "Mark ready", "Move this item from Backlog to Ready for execution.",
            Permissions.TRIAGE, Lane.BACKLOG, Lane.READY, Set.of()),
    START_EXECUTION("start-execution", "Start execution", "Queue execution handoff for this work item.",
            Permissions.EXECUTE, Lane.READY, Lane.IN_PROGRESS, Set.of()),
    REQUEST_REVIEW("request-review", "Request review", "Mark this item ready for review lane handoff.",
            Permissions.REQUEST_REVIEW, Lane.IN_PROGRESS, Lane.REVIEW, Set.of()),
    REQUEST_CHANGES("request-changes", "Request changes", "Send this item back from review to execution.",
            Permissions.REVIEW, Lane.REVIEW, Lane.IN_PROGRESS, Set.of()),
    COMPLETE("complete", "Complete", "Close this item as done once every done criterion is met.",
            Permissions.COMPLETE, Lane.REVIEW, Lane.DONE, Set.of()),
    PREPARE_RELEASE("prepare-release", "Prepare release", "Run release-preparation checks for the work item.",
            Permissions.PREPARE_RELEASE, null, null, EnumSet.of(Lane.REVIEW, Lane.DONE)),
    RECORD_HISTORY("record-history", "Record history", "Capture history snapshots for audit and validation views.",
            Permissions.RECORD_HISTORY, null, null, Set.of()),
    CREATE_FOLLOW_UP("create-follow-up", "Create follow-up",
            "Create a net-new work item that continues this done one.",
            Permissions.CREATE, null, null, EnumSet.of(Lane.DONE)),
    RECONCILE("reconcile", "Reconcile",
            "Apply the recommended resolution of this item's drift through its normal action and gates.",
            Permissions.RECONCILE, null, null, Set.of());

    private final String identity;
    private final String label;
    private final String description;
    private final String permission;
    private final Lane from;
    private final Lane to;
    private final Set<Lane> eligibleLanes;

    ActionType(String identity, String label, String description, String permission, Lane from, Lane to,
               Set<Lane> eligibleLanes) {
        this.identity = identity;
        this.label = label;
        this.description = description;
        this.permission = permission;
        this.from = from;
        this.to = to;
        this.eligibleLanes = eligibleLanes;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    @Override
    public String permission() {
        return permission;
    }

    /** The lane this action moves an item from, when it is a lane transition. */
    public Optional<Lane> from() {
        return Optional.ofNullable(from);
    }

    /** The lane this action moves an item to, when it is a lane transition. */
    public Optional<Lane> to() {
        return Optional.ofNullable(to);
    }

    public Set<Lane> eligibleLanes() {
        return eligibleLanes;
    }

    public boolean movesLane() {
        return from != null;
    }

    @Override
    public List<Gate> gates() {
        return switch (this) {
            case COMPLETE -> List.of(Gates.LANE_TRANSITION, Gates.DONE_CRITERIA);
            case PREPARE_RELEASE -> List.of(Gates.LANE_ELIGIBILITY, Gates.PULL_REQUEST);
            case RECORD_HISTORY -> List.of(Gates.CONTEXT_VISIBILITY);
            case CREATE_FOLLOW_UP -> List.of(Gates.LANE_ELIGIBILITY);
            case RECONCILE -> List.of(Gates.DRIFT_RESOLVABLE);
            default -> List.of(Gates.LANE_TRANSITION);
        };
    }

    /** The forward action that moves an item out of the given lane, if any. */
    public static Optional<ActionType> leaving(Lane lane) {
        return Arrays.stream(values())
                .filter(action -> action.from == lane && action.to.ordinal() > lane.ordinal())
                .findFirst();
    }

    /** The action that moves an item directly from one lane to another, if any. */
    public static Optional<ActionType> moving(Lane fromLane, Lane toLane) {
        return Arrays.stream(values()).filter(action -> action.from == fromLane && action.to == toLane).findFirst();
    }

    public static Optional<ActionType> fromIdentity(String identity) {
        return Arrays.stream(values()).filter(action -> action.identity.equals(identity)).findFirst();
    }
}
