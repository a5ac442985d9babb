package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;

import java.util.stream.Collectors;

/** Actions that do not move lanes still apply only to items in certain lanes. */
final class LaneEligibilityGate implements Gate {

    @Override
    public String name() {
        return "lane-eligibility";
    }

    @Override
    public GateResult evaluate(ItemState item, Operation operation, Actor actor) {
        ActionType action = (ActionType) operation;
        if (action.eligibleLanes().contains(item.lane())) {
            return GateResult.pass(name());
        }
        String label = action.label();
        String lanes = action.eligibleLanes().stream().sorted().map(Lane::label)
                .collect(Collectors.joining(" or "));
        Lane firstEligible = action.eligibleLanes().stream().sorted().findFirst().orElseThrow();
        String next = ActionType.leaving(item.lane())
                .map(step -> "Move the item on toward " + firstEligible.label() + " (next: " + step.label()
                        + "), then retry " + label + ".")
                .orElse("Move the item to " + firstEligible.label() + ", then retry " + label + ".");
        return GateResult.blocked(name(), new RecoveryGuidance(
                label + " needs the item in " + lanes + "; it is in " + item.lane().label() + ".",
                "Lane eligibility policy allows " + label + " only for items in " + lanes + ".",
                next,
                "Safe to retry " + label + " once the item is in " + lanes + "."));
    }
}
