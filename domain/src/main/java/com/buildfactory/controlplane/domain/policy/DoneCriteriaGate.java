package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.workitem.ItemState;

import java.util.List;

/** An item is done only when it has done criteria and every one of them is met. */
final class DoneCriteriaGate implements Gate {

    private static final int NAMED_IN_CAUSE = 3;

    @Override
    public String name() {
        return "done-criteria";
    }

    @Override
    public GateResult evaluate(ItemState item, Operation operation, Actor actor) {
        String label = operation.label();
        String policyContext = "Done-criteria policy lets " + label
                + " close an item only when every done criterion is met.";
        if (item.doneCriteria().isEmpty()) {
            return GateResult.blocked(name(), new RecoveryGuidance(
                    "The item has no done criteria, so nothing shows that it is done.",
                    policyContext,
                    "Add done criteria to the item, mark them met, then retry " + label + ".",
                    "Safe to retry " + label + " once every done criterion is met."));
        }
        List<String> unmet = item.unmetCriteria();
        if (unmet.isEmpty()) {
            return GateResult.pass(name());
        }
        return GateResult.blocked(name(), new RecoveryGuidance(
                unmet.size() + " of " + item.doneCriteria().size() + " done criteria are not met: "
                        + named(unmet) + ".",
                policyContext,
                "Mark the remaining done criteria met, then retry " + label + ".",
                "Safe to retry " + label + " once every done criterion is met."));
    }

    private static String named(List<String> unmet) {
        String shown = String.join(", ", unmet.subList(0, Math.min(NAMED_IN_CAUSE, unmet.size())));
        int more = unmet.size() - NAMED_IN_CAUSE;
        return more > 0 ? shown + " and " + more + " more" : shown;
    }
}
