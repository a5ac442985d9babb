package com.buildfactory.controlplane.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.buildfactory.controlplane.ops.retention.RetentionRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the backup component of health says, rule by rule. */
class BackupStatusHealthTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aFailedRetentionRunDegradesBackupsWithItsReason() {
        BackupStatus status = status(RetentionRun.failed(NOW, "cannot delete 4 objects: HTTP 501 NotImplemented"));
        BackupStatus.Health health = status.health(NOW, Duration.ofHours(26));
        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("last retention run failed").contains("HTTP 501 NotImplemented");
    }

    @Test
    void aSucceededRetentionRunKeepsBackupsUp() {
        BackupStatus status = status(new RetentionRun(NOW, true, 2, "deleted 2 archives"));
        assertThat(status.health(NOW, Duration.ofHours(26)).up()).isTrue();
    }

    @Test
    void aMaximumAgeBelowAnHourIsWrittenInMinutesNotZeroHours() {
        BackupStatus status = new BackupStatus("folder x", List.of(), null, null, null, null, List.of(),
                NOW.minus(Duration.ofHours(2)), null);
        assertThat(status.health(NOW, Duration.ofMinutes(30)).detail()).endsWith("older than 30 min");
        assertThat(status.health(NOW, Duration.ofSeconds(90)).detail()).endsWith("older than 90 s");
        assertThat(status.health(NOW, Duration.ofHours(1)).detail()).endsWith("older than 1 h");
    }

    private static BackupStatus status(RetentionRun retention) {
        return new BackupStatus("folder x", List.of(), null, null, retention, null, List.of(), NOW.minusSeconds(60),
                null);
    }
}
