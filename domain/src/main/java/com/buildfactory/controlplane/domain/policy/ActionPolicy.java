package com.buildfactory.controlplane.domain.policy;

import com.buildfactory.controlplane.domain.truth.Reconciliation;
import com.buildfactory.controlplane.domain.workitem.ItemState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Evaluates (item state, actor) into the availability of each operation, with gates and guidance. */
public final class ActionPolicy {

    public ActionAvailability evaluate(ItemState item, Actor actor, Operation operation) {
        List<GateResult> results = new ArrayList<>();
        GateResult permission = Gates.PERMISSION.evaluate(item, operation, actor);
        if (!permission.passed()) {
            results.add(permission);
        }
        for (Gate gate : operation.gates()) {
            results.add(gate.evaluate(item, operation, actor));
        }
        boolean enabled = results.stream().allMatch(GateResult::passed);
        boolean alreadyDone = permission.passed() && operation instanceof ActionType action
                && (action.movesLane() ? action.to().orElseThrow() == item.lane()
                : action == ActionType.RECONCILE && Reconciliation.of(item).consistent());
        return new ActionAvailability(operation, enabled, alreadyDone, results);
    }

    /**
     * The permission alone, before anything about the item is read: a caller without it learns nothing of the
     * item's state, or even whether it exists. Empty when the actor holds the permission.
     */
    public static Optional<ActionAvailability> missingPermission(Actor actor, Operation operation) {
        GateResult permission = Gates.PERMISSION.evaluate(null, operation, actor);
        return permission.passed() ? Optional.empty()
                : Optional.of(new ActionAvailability(operation, false, false, List.of(permission)));
    }

    /** Every lane action, in delivery order, as the item page shows them. */
    public List<ActionAvailability> evaluateActions(ItemState item, Actor actor) {
        return Arrays.stream(ActionType.values()).map(action -> evaluate(item, actor, action)).toList();
    }
}
