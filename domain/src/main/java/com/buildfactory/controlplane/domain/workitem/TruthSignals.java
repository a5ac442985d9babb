package com.buildfactory.controlplane.domain.workitem;

/**
 * What the rest of the factory says about an item besides its lane: status (execution runner), state (version
 * control) and source (the queue it was last observed in). Until a reporter says otherwise they follow the lane.
 */
public record TruthSignals(String status, String state, String source) {

    public static TruthSignals observedIn(Lane lane) {
        return new TruthSignals(lane.slug(), lane.slug(), lane.slug());
    }

    public TruthSignals with(TruthSignal signal, String value) {
        return switch (signal) {
            case STATUS -> new TruthSignals(value, state, source);
            case STATE -> new TruthSignals(status, value, source);
            case SOURCE -> new TruthSignals(status, state, value);
        };
    }

    /**
     * A lane move supersedes the signals that only confirmed the old lane: they follow the new lane. A signal that
     * disagreed with the old lane is an observation the move did not explain, so it stays until it is reported
     * again; it either agrees with the new lane now (the drift is resolved) or is still drift.
     */
    public TruthSignals afterMove(Lane from, Lane to) {
        TruthSignals moved = this;
        for (TruthSignal signal : TruthSignal.values()) {
            if (signal.consistentWith(signal.valueOf(this), from)) {
                moved = moved.with(signal, to.slug());
            }
        }
        return moved;
    }
}
