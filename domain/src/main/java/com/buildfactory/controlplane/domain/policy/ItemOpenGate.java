package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;

/** A Done item is closed: its details, pull request and criteria no longer change. */
final class ItemOpenGate implements Gate {

    @Override
    public String name() {
        return "item-open";
    }

    @Override
    public GateResult evaluate(ItemState item, Operation operation, Actor actor) {
        if (item.lane() != Lane.DONE) {
            return GateResult.pass(name());
        }
        String label = operation.label();
        return GateResult.blocked(name(), new RecoveryGuidance(
                "Done items stay closed; " + label + " cannot change them.",
                "Item lifecycle policy keeps Done items unchanged.",
                "Create a net-new work item if more delivery is needed instead of reopening this one.",
                "Do not retry " + label + " on a done item."));
    }
}
