package com.buildfactory.controlplane.projections.queuetruth;

import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.ItemEventRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Measures freshness against the event log itself: the item's last sequence number in the log versus the version
 * the read model applied, and the time since the oldest event the read model has not applied yet.
 */
public class FreshnessProbe {

    private final EventLog eventLog;
    private final Clock clock;

    public FreshnessProbe(EventLog eventLog, Clock clock) {
        this.eventLog = eventLog;
        this.clock = clock;
    }

    public Freshness measure(String itemId, long projectedVersion) {
        List<ItemEventRef> unapplied = eventLog.itemEvents(itemId, projectedVersion);
        if (unapplied.isEmpty()) {
            return new Freshness(projectedVersion, projectedVersion, Duration.ZERO);
        }
        long streamVersion = unapplied.get(unapplied.size() - 1).sequenceNumber();
        Duration age = Duration.between(Instant.parse(unapplied.get(0).timeStamp()), clock.instant());
        return new Freshness(projectedVersion, streamVersion, age.isNegative() ? Duration.ZERO : age);
    }
}
