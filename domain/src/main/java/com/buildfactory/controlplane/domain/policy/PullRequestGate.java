package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.ItemState;

/** Release preparation needs the pull request that carries the change. */
final class PullRequestGate implements Gate {

    @Override
    public String name() {
        return "pull-request";
    }

    @Override
    public GateResult evaluate(ItemState item, Operation operation, Actor actor) {
        if (item.hasPullRequest()) {
            return GateResult.pass(name());
        }
        String label = operation.label();
        return GateResult.blocked(name(), new RecoveryGuidance(
                "No pull request is linked to this item.",
                "Pull request policy requires a linked pull request before " + label + ".",
                "Link the item's pull request, then retry " + label + ".",
                "Safe to retry " + label + " once a pull request is linked."));
    }
}
