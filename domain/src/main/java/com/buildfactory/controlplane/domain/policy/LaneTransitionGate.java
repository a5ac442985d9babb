package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;

/** A lane action moves an item only from its own lane, never out of Done. */
final class LaneTransitionGate implements Gate {

    @Override
    public String name() {
        return "lane-transition";
    }

    @Override
    public GateResult evaluate(ItemState item, Operation operation, Actor actor) {
        ActionType action = (ActionType) operation;
        Lane from = action.from().orElseThrow();
        Lane to = action.to().orElseThrow();
        Lane current = item.lane();
        String label = action.label();
        if (current == from) {
            return GateResult.pass(name());
        }
        if (current == to) {
            return GateResult.blocked(name(), new RecoveryGuidance(
                    "The item is already in " + to.label() + "; " + label + " has already taken effect.",
                    "Lane transition policy answers a repeated " + label + " as already done.",
                    "No action is needed; the item is already in " + to.label() + ".",
                    "Safe to retry: a repeated " + label + " changes nothing and is answered as already done."));
        }
        if (current == Lane.DONE) {
            return GateResult.blocked(name(), new RecoveryGuidance(
                    "Done items stay closed; " + label + " cannot move them backward.",
                    "Lane transition policy blocks " + label + " when the item is already Done.",
                    "Create a net-new work item if more delivery is needed instead of reopening this one.",
                    "Do not retry " + label + " on a done item."));
        }
        String policyContext = "Lane transition policy allows " + label + " only from " + from.label() + " to "
                + to.label() + ".";
        if (current.isBefore(from)) {
            String next = ActionType.leaving(current)
                    .map(step -> "Run " + step.label() + " first to move the item toward " + from.label()
                            + ", then retry " + label + ".")
                    .orElse("Move the item to " + from.label() + ", then retry " + label + ".");
            return GateResult.blocked(name(), new RecoveryGuidance(
                    label + " moves items from " + from.label() + "; this item is still in " + current.label() + ".",
                    policyContext, next,
                    "Safe to retry " + label + " once the item is in " + from.label() + "."));
        }
        String next = ActionType.moving(current, to)
                .map(step -> "Use " + step.label() + " to move the item from " + current.label() + " to "
                        + to.label() + ".")
                .orElse("No action moves an item from " + current.label() + " back to " + from.label()
                        + "; continue the item from " + current.label() + ".");
        return GateResult.blocked(name(), new RecoveryGuidance(
                label + " moves items from " + from.label() + "; this item is already past it, in "
                        + current.label() + ".",
                policyContext, next,
                "Do not retry " + label + " while the item is in " + current.label() + "."));
    }
}
