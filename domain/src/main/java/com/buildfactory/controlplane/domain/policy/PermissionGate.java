package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.ItemState;

/** The caller's token must hold the operation's permission. Listed on a page only when it blocks. */
final class PermissionGate implements Gate {

    @Override
    public String name() {
        return "permission";
    }

    @Override
    public GateResult evaluate(ItemState item, Operation operation, Actor actor) {
        if (actor.holds(operation.permission())) {
            return GateResult.pass(name());
        }
        return GateResult.blocked(name(), new RecoveryGuidance(
                "Actor " + actor.name() + " lacks permission " + operation.permission() + ".",
                "Permission policy requires " + operation.permission() + " to run " + operation.label() + ".",
                "Use a token that holds " + operation.permission() + ", or ask an administrator to grant it.",
                "Do not retry " + operation.label() + " with the same token; it will be refused again."));
    }
}
