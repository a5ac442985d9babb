package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.api.BlockedGate;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static com.buildfactory.controlplane.domain.policy.ActionType.COMPLETE;
import static com.buildfactory.controlplane.domain.policy.ActionType.CREATE_FOLLOW_UP;
import static com.buildfactory.controlplane.domain.policy.ActionType.MARK_READY;
import static com.buildfactory.controlplane.domain.policy.ActionType.PREPARE_RELEASE;
import static com.buildfactory.controlplane.domain.policy.ActionType.REQUEST_CHANGES;
import static com.buildfactory.controlplane.domain.policy.ActionType.REQUEST_REVIEW;
import static com.buildfactory.controlplane.domain.policy.ActionType.START_EXECUTION;
import static com.buildfactory.controlplane.domain.workitem.Lane.BACKLOG;
import static com.buildfactory.controlplane.domain.workitem.Lane.DONE;
import static com.buildfactory.controlplane.domain.workitem.Lane.IN_PROGRESS;
import static com.buildfactory.controlplane.domain.workitem.Lane.READY;
import static com.buildfactory.controlplane.domain.workitem.Lane.REVIEW;

/**
 * The recovery guidance the product documents, written out by hand from the seed page and the issue, one row per
 * blocked (action, lane). The tests compare the policy and the aggregate against this table, never against the
 * policy's own output. A lane with no row is one where the gate passes.
 */
public final class DocumentedGuidance {

    private static final Map<ActionType, Map<Lane, RecoveryGuidance>> LANE_TRANSITION = new EnumMap<>(ActionType.class);
    private static final Map<ActionType, Map<Lane, RecoveryGuidance>> LANE_ELIGIBILITY = new EnumMap<>(ActionType.class);

    static {
        transition(MARK_READY, READY, alreadyIn("Ready", "Mark ready"));
        transition(MARK_READY, IN_PROGRESS, new RecoveryGuidance(
                "Mark ready moves items from Backlog; this item is already past it, in In Progress.",
                "Lane transition policy allows Mark ready only from Backlog to Ready.",
                "No action moves an item from In Progress back to Backlog; continue the item from In Progress.",
                "Do not retry Mark ready while the item is in In Progress."));
        transition(MARK_READY, REVIEW, new RecoveryGuidance(
                "Mark ready moves items from Backlog; this item is already past it, in Review.",
                "Lane transition policy allows Mark ready only from Backlog to Ready.",
                "No action moves an item from Review back to Backlog; continue the item from Review.",
                "Do not retry Mark ready while the item is in Review."));
        transition(MARK_READY, DONE, doneStaysClosed("Mark ready"));

        transition(START_EXECUTION, BACKLOG, new RecoveryGuidance(
                "Start execution moves items from Ready; this item is still in Backlog.",
                "Lane transition policy allows Start execution only from Ready to In Progress.",
                "Run Mark ready first to move the item toward Ready, then retry Start execution.",
                "Safe to retry Start execution once the item is in Ready."));
        transition(START_EXECUTION, IN_PROGRESS, alreadyIn("In Progress", "Start execution"));
        transition(START_EXECUTION, REVIEW, new RecoveryGuidance(
                "Start execution moves items from Ready; this item is already past it, in Review.",
                "Lane transition policy allows Start execution only from Ready to In Progress.",
                "Use Request changes to move the item from Review to In Progress.",
                "Do not retry Start execution while the item is in Review."));
        transition(START_EXECUTION, DONE, doneStaysClosed("Start execution"));

        transition(REQUEST_REVIEW, BACKLOG, new RecoveryGuidance(
                "Request review moves items from In Progress; this item is still in Backlog.",
                "Lane transition policy allows Request review only from In Progress to Review.",
                "Run Mark ready first to move the item toward In Progress, then retry Request review.",
                "Safe to retry Request review once the item is in In Progress."));
        transition(REQUEST_REVIEW, READY, new RecoveryGuidance(
                "Request review moves items from In Progress; this item is still in Ready.",
                "Lane transition policy allows Request review only from In Progress to Review.",
                "Run Start execution first to move the item toward In Progress, then retry Request review.",
                "Safe to retry Request review once the item is in In Progress."));
        transition(REQUEST_REVIEW, REVIEW, alreadyIn("Review", "Request review"));
        transition(REQUEST_REVIEW, DONE, doneStaysClosed("Request review"));

        transition(REQUEST_CHANGES, BACKLOG, new RecoveryGuidance(
                "Request changes moves items from Review; this item is still in Backlog.",
                "Lane transition policy allows Request changes only from Review to In Progress.",
                "Run Mark ready first to move the item toward Review, then retry Request changes.",
                "Safe to retry Request changes once the item is in Review."));
        transition(REQUEST_CHANGES, READY, new RecoveryGuidance(
                "Request changes moves items from Review; this item is still in Ready.",
                "Lane transition policy allows Request changes only from Review to In Progress.",
                "Run Start execution first to move the item toward Review, then retry Request changes.",
                "Safe to retry Request changes once the item is in Review."));
        transition(REQUEST_CHANGES, IN_PROGRESS, alreadyIn("In Progress", "Request changes"));
        transition(REQUEST_CHANGES, DONE, doneStaysClosed("Request changes"));

        transition(COMPLETE, BACKLOG, new RecoveryGuidance(
                "Complete moves items from Review; this item is still in Backlog.",
                "Lane transition policy allows Complete only from Review to Done.",
                "Run Mark ready first to move the item toward Review, then retry Complete.",
                "Safe to retry Complete once the item is in Review."));
        transition(COMPLETE, READY, new RecoveryGuidance(
                "Complete moves items from Review; this item is still in Ready.",
                "Lane transition policy allows Complete only from Review to Done.",
                "Run Start execution first to move the item toward Review, then retry Complete.",
                "Safe to retry Complete once the item is in Review."));
        transition(COMPLETE, IN_PROGRESS, new RecoveryGuidance(
                "Complete moves items from Review; this item is still in In Progress.",
                "Lane transition policy allows Complete only from Review to Done.",
                "Run Request review first to move the item toward Review, then retry Complete.",
                "Safe to retry Complete once the item is in Review."));
        transition(COMPLETE, DONE, alreadyIn("Done", "Complete"));

        eligibility(PREPARE_RELEASE, BACKLOG, new RecoveryGuidance(
                "Prepare release needs the item in Review or Done; it is in Backlog.",
                "Lane eligibility policy allows Prepare release only for items in Review or Done.",
                "Move the item on toward Review (next: Mark ready), then retry Prepare release.",
                "Safe to retry Prepare release once the item is in Review or Done."));
        eligibility(PREPARE_RELEASE, READY, new RecoveryGuidance(
                "Prepare release needs the item in Review or Done; it is in Ready.",
                "Lane eligibility policy allows Prepare release only for items in Review or Done.",
                "Move the item on toward Review (next: Start execution), then retry Prepare release.",
                "Safe to retry Prepare release once the item is in Review or Done."));
        eligibility(PREPARE_RELEASE, IN_PROGRESS, new RecoveryGuidance(
                "Prepare release needs the item in Review or Done; it is in In Progress.",
                "Lane eligibility policy allows Prepare release only for items in Review or Done.",
                "Move the item on toward Review (next: Request review), then retry Prepare release.",
                "Safe to retry Prepare release once the item is in Review or Done."));

        eligibility(CREATE_FOLLOW_UP, BACKLOG, new RecoveryGuidance(
                "Create follow-up needs the item in Done; it is in Backlog.",
                "Lane eligibility policy allows Create follow-up only for items in Done.",
                "Move the item on toward Done (next: Mark ready), then retry Create follow-up.",
                "Safe to retry Create follow-up once the item is in Done."));
        eligibility(CREATE_FOLLOW_UP, READY, new RecoveryGuidance(
                "Create follow-up needs the item in Done; it is in Ready.",
                "Lane eligibility policy allows Create follow-up only for items in Done.",
                "Move the item on toward Done (next: Start execution), then retry Create follow-up.",
                "Safe to retry Create follow-up once the item is in Done."));
        eligibility(CREATE_FOLLOW_UP, IN_PROGRESS, new RecoveryGuidance(
                "Create follow-up needs the item in Done; it is in In Progress.",
                "Lane eligibility policy allows Create follow-up only for items in Done.",
                "Move the item on toward Done (next: Request review), then retry Create follow-up.",
                "Safe to retry Create follow-up once the item is in Done."));
        eligibility(CREATE_FOLLOW_UP, REVIEW, new RecoveryGuidance(
                "Create follow-up needs the item in Done; it is in Review.",
                "Lane eligibility policy allows Create follow-up only for items in Done.",
                "Move the item on toward Done (next: Complete), then retry Create follow-up.",
                "Safe to retry Create follow-up once the item is in Done."));
    }

    private DocumentedGuidance() {
    }

    /** The seed's wording for a lane action on a Done item. */
    public static RecoveryGuidance doneStaysClosed(String label) {
        return new RecoveryGuidance(
                "Done items stay closed; " + label + " cannot move them backward.",
                "Lane transition policy blocks " + label + " when the item is already Done.",
                "Create a net-new work item if more delivery is needed instead of reopening this one.",
                "Do not retry " + label + " on a done item.");
    }

    public static RecoveryGuidance alreadyIn(String laneLabel, String label) {
        return new RecoveryGuidance(
                "The item is already in " + laneLabel + "; " + label + " has already taken effect.",
                "Lane transition policy answers a repeated " + label + " as already done.",
                "No action is needed; the item is already in " + laneLabel + ".",
                "Safe to retry: a repeated " + label + " changes nothing and is answered as already done.");
    }

    public static RecoveryGuidance permissionMissing(String actor, String permission, String label) {
        return new RecoveryGuidance(
                "Actor " + actor + " lacks permission " + permission + ".",
                "Permission policy requires " + permission + " to run " + label + ".",
                "Use a token that holds " + permission + ", or ask an administrator to grant it.",
                "Do not retry " + label + " with the same token; it will be refused again.");
    }

    public static RecoveryGuidance noPullRequest() {
        return new RecoveryGuidance(
                "No pull request is linked to this item.",
                "Pull request policy requires a linked pull request before Prepare release.",
                "Link the item's pull request, then retry Prepare release.",
                "Safe to retry Prepare release once a pull request is linked.");
    }

    public static RecoveryGuidance promptContextHidden() {
        return new RecoveryGuidance(
                "The caller may not see this item's prompt context, which Record history captures.",
                "Context visibility policy lets only actors holding factory.work-item.view-prompt-context run "
                        + "Record history.",
                "Ask an actor who may see the prompt context to run Record history, or request "
                        + "factory.work-item.view-prompt-context.",
                "Do not retry Record history with the same token; it will be blocked again.");
    }

    public static RecoveryGuidance noDoneCriteria() {
        return new RecoveryGuidance(
                "The item has no done criteria, so nothing shows that it is done.",
                "Done-criteria policy lets Complete close an item only when every done criterion is met.",
                "Add done criteria to the item, mark them met, then retry Complete.",
                "Safe to retry Complete once every done criterion is met.");
    }

    public static RecoveryGuidance unmetDoneCriteria(String cause) {
        return new RecoveryGuidance(
                cause,
                "Done-criteria policy lets Complete close an item only when every done criterion is met.",
                "Mark the remaining done criteria met, then retry Complete.",
                "Safe to retry Complete once every done criterion is met.");
    }

    public static RecoveryGuidance itemClosed(String label) {
        return new RecoveryGuidance(
                "Done items stay closed; " + label + " cannot change them.",
                "Item lifecycle policy keeps Done items unchanged.",
                "Create a net-new work item if more delivery is needed instead of reopening this one.",
                "Do not retry " + label + " on a done item.");
    }

    /** The lane-transition guidance for a lane action in a lane, or empty where the gate passes. */
    public static Optional<RecoveryGuidance> laneTransition(ActionType action, Lane lane) {
        return Optional.ofNullable(LANE_TRANSITION.getOrDefault(action, Map.of()).get(lane));
    }

    /** The lane-eligibility guidance for prepare-release or create-follow-up, or empty where the gate passes. */
    public static Optional<RecoveryGuidance> laneEligibility(ActionType action, Lane lane) {
        return Optional.ofNullable(LANE_ELIGIBILITY.getOrDefault(action, Map.of()).get(lane));
    }

    public static GateResult blockedResult(String gate, RecoveryGuidance guidance) {
        return new GateResult(gate, false, guidance.cause(), guidance);
    }

    public static GateResult passedResult(String gate) {
        return new GateResult(gate, true, null, null);
    }

    /** A blocked gate as the ActionBlocked event records it. */
    public static BlockedGate recorded(String gate, RecoveryGuidance guidance) {
        return new BlockedGate(gate, guidance.cause(), guidance.policyContext(), guidance.nextStep(),
                guidance.safeRetry());
    }

    private static void transition(ActionType action, Lane lane, RecoveryGuidance guidance) {
        LANE_TRANSITION.computeIfAbsent(action, a -> new EnumMap<>(Lane.class)).put(lane, guidance);
    }

    private static void eligibility(ActionType action, Lane lane, RecoveryGuidance guidance) {
        LANE_ELIGIBILITY.computeIfAbsent(action, a -> new EnumMap<>(Lane.class)).put(lane, guidance);
    }
}
