package com.buildfactory.controlplane.projections.queuetruth;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Measures freshness against the event log itself: the item's last sequence number in the log versus the version
 * the read model applied, and the time since the oldest event the read model has not applied yet.
 */
public class FreshnessProbe {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FreshnessProbe(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Freshness measure(String itemId, long projectedVersion) {
        List<String[]> rows = jdbc.query("SELECT sequenceNumber, timeStamp FROM DomainEventEntry"
                        + " WHERE aggregateIdentifier = ? AND sequenceNumber > ? ORDER BY sequenceNumber",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, itemId, projectedVersion);
        if (rows.isEmpty()) {
            return new Freshness(projectedVersion, projectedVersion, Duration.ZERO);
        }
        long streamVersion = Long.parseLong(rows.get(rows.size() - 1)[0]);
        Duration age = Duration.between(Instant.parse(rows.get(0)[1]), clock.instant());
        return new Freshness(projectedVersion, streamVersion, age.isNegative() ? Duration.ZERO : age);
    }
}
