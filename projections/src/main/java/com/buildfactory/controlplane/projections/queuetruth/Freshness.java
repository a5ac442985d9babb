package com.buildfactory.controlplane.projections.queuetruth;

import java.time.Duration;

/**
 * How far a read model's copy of an item is behind the item's event stream: the events not yet applied, and the
 * age of the oldest of them (zero when none is missing).
 */
public record Freshness(long projectedVersion, long streamVersion, Duration snapshotAge) {

    public static Freshness current(long version) {
        return new Freshness(version, version, Duration.ZERO);
    }

    public boolean fresh() {
        return projectedVersion >= streamVersion;
    }

    public long eventsBehind() {
        return Math.max(0, streamVersion - projectedVersion);
    }

    /** As the page shows it: "Fresh (snapshot age 0s)" or "Stale (snapshot age 3s, 2 events behind)". */
    public String text() {
        long seconds = snapshotAge.toSeconds();
        if (fresh()) {
            return "Fresh (snapshot age " + seconds + "s)";
        }
        long behind = eventsBehind();
        return "Stale (snapshot age " + seconds + "s, " + behind + (behind == 1 ? " event" : " events") + " behind)";
    }
}
