package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.truth.Drift;
import com.buildfactory.controlplane.domain.truth.Reconciliation;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;

import java.util.stream.Collectors;

/**
 * Reconcile passes only when the drift has one resolving action and that action would pass its own gates for this
 * caller: reconciling never goes around the policy, it runs the same action a person would.
 */
final class DriftResolvableGate implements Gate {

    private final ActionPolicy policy = new ActionPolicy();

    @Override
    public String name() {
        return "drift-resolvable";
    }

    @Override
    public GateResult evaluate(ItemState item, Operation operation, Actor actor) {
        Reconciliation reconciliation = Reconciliation.of(item);
        String label = operation.label();
        if (reconciliation.consistent()) {
            return GateResult.blocked(name(), new RecoveryGuidance(
                    "The item has no drift; its truth signals agree with its lane.",
                    "Reconciliation policy answers " + label + " on a consistent item as already done.",
                    "No action is needed. " + Reconciliation.CONSISTENT,
                    "Safe to retry: a repeated " + label + " changes nothing and is answered as already done."));
        }
        String drifts = reconciliation.drifts().stream().map(Drift::summary).collect(Collectors.joining("; "));
        if (!reconciliation.conflicting().isEmpty()) {
            return GateResult.blocked(name(), new RecoveryGuidance(
                    "The truth signals disagree on the resolution (" + drifts + ").",
                    "Reconciliation policy lets " + label + " apply a resolution only when every resolvable"
                            + " drift asks for the same action.",
                    "Report the signals again once the execution runner, version control and queues agree, then"
                            + " retry " + label + ".",
                    "Safe to retry " + label + " once the signals agree."));
        }
        if (reconciliation.resolvingAction().isEmpty()) {
            Drift first = reconciliation.drifts().get(0);
            boolean done = first.lane() == Lane.DONE;
            return GateResult.blocked(name(), new RecoveryGuidance(
                    (done ? "Done items stay closed; " + label + " cannot resolve " : "No action can resolve ")
                            + drifts + ".",
                    "Reconciliation policy never lets " + label + " move an item backward, except from Review"
                            + " to In Progress.",
                    done ? "Create a net-new work item (create-follow-up) if more delivery is needed instead of"
                            + " reopening this one."
                            : "Check " + first.signal().reporter() + " and report " + first.signal().slug()
                            + " again.",
                    "Do not retry " + label + " until a signal changes; it will be blocked again."));
        }
        ActionType action = reconciliation.resolvingAction().get();
        ActionAvailability resolution = policy.evaluate(item, actor, action);
        if (resolution.enabled()) {
            return GateResult.pass(name());
        }
        GateResult blocking = resolution.blockedGates().get(0);
        RecoveryGuidance inner = blocking.guidance();
        return GateResult.blocked(name(), new RecoveryGuidance(
                label + " would apply " + action.label() + " for " + drifts + ", which is blocked: "
                        + inner.cause(),
                label + " applies " + action.label() + " under its own policy: " + inner.policyContext(),
                inner.nextStep().replace("retry " + action.label(), "retry " + label),
                inner.safeRetry().replace(action.label(), label)));
    }
}
