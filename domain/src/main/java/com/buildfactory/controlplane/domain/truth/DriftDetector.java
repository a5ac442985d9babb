package com.buildfactory.controlplane.domain.truth;

import com.buildfactory.controlplane.domain.policy.ActionType;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the truth signals that disagree with an item's lane. A signal ahead of the lane is resolved by the next
 * forward action (one lane at a time, every step through its own gates); a signal behind the lane is resolved only
 * where an action moves the item back (Review to In Progress); otherwise none can.
 */
public final class DriftDetector {

    private DriftDetector() {
    }

    public static List<Drift> detect(ItemState item) {
        List<Drift> drifts = new ArrayList<>();
        for (TruthSignal signal : TruthSignal.values()) {
            String value = signal.valueOf(item.signals());
            if (!signal.consistentWith(value, item.lane())) {
                drifts.add(drift(signal, value, item.lane()));
            }
        }
        return List.copyOf(drifts);
    }

    static Drift drift(TruthSignal signal, String value, Lane lane) {
        Set<Lane> implied = signal.lanesFor(value);
        String summary = signal.slug() + " " + value + " while the lane is " + lane.label();
        boolean ahead = !implied.isEmpty() && implied.stream().allMatch(lane::isBefore);
        Optional<ActionType> action = ahead
                ? ActionType.leaving(lane)
                : implied.stream().filter(l -> l.isBefore(lane)).max(Comparator.naturalOrder())
                        .flatMap(target -> ActionType.moving(lane, target));
        if (action.isPresent()) {
            ActionType step = action.get();
            Lane to = step.to().orElseThrow();
            return new Drift(signal, value, lane, implied, step, summary,
                    "Reconcile applies " + step.label() + " (" + step.identity() + "): it moves the item from "
                            + lane.label() + (ahead ? " to " : " back to ") + to.label() + ", as " + signal.slug()
                            + " " + value + " reports.");
        }
        if (lane == Lane.DONE) {
            return new Drift(signal, value, lane, implied, null, summary,
                    "None can: Done items stay closed. Create a follow-up (create-follow-up) if more delivery is"
                            + " needed instead of reopening this one.");
        }
        String wanted = implied.stream().map(Lane::label).sorted().findFirst().orElse("another lane");
        return new Drift(signal, value, lane, implied, null, summary,
                "None can: no action moves an item from " + lane.label() + " back to " + wanted + ". Check "
                        + signal.reporter() + " and report " + signal.slug() + " again.");
    }
}
