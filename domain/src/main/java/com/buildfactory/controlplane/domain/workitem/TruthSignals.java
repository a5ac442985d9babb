package com.buildfactory.controlplane.domain.workitem;

/**
 * What the rest of the factory says about an item besides its lane: status (execution runner), state (version
 * control) and source (the queue it was last observed in). Until a reporter says otherwise they follow the lane.
 */
public record TruthSignals(String status, String state, String source) {

    public static TruthSignals observedIn(Lane lane) {
        return new TruthSignals(lane.slug(), lane.slug(), lane.slug());
    }
}
