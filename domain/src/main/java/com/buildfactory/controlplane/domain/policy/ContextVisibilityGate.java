package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.ItemState;

/** A history snapshot captures the prompt context, so only callers who may see it may record one. */
final class ContextVisibilityGate implements Gate {

    @Override
    public String name() {
        return "context-visibility";
    }

    @Override
    public GateResult evaluate(ItemState item, Operation operation, Actor actor) {
        if (actor.holds(Permissions.VIEW_PROMPT_CONTEXT)) {
            return GateResult.pass(name());
        }
        String label = operation.label();
        return GateResult.blocked(name(), new RecoveryGuidance(
                "The caller may not see this item's prompt context, which " + label + " captures.",
                "Context visibility policy lets only actors holding " + Permissions.VIEW_PROMPT_CONTEXT + " run "
                        + label + ".",
                "Ask an actor who may see the prompt context to run " + label + ", or request "
                        + Permissions.VIEW_PROMPT_CONTEXT + ".",
                "Do not retry " + label + " with the same token; it will be blocked again."));
    }
}
