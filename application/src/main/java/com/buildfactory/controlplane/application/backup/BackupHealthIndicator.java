package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.ops.backup.BackupService;
import com.buildfactory.controlplane.ops.backup.BackupStatus;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The backup dead-man: DEGRADED (still 200, the service serves) when the newest verified archive is too old or
 * the last run, drill or retention run failed. A freshly started service gets one max-age of grace for its first
 * archive.
 */
public class BackupHealthIndicator extends AbstractHealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED");

    private final BackupService backups;
    private final Duration maxVerifiedAge;
    private final Clock clock;
    private final Instant startedAt;
    private final BackupJobs jobs;

    public BackupHealthIndicator(BackupService backups, Duration maxVerifiedAge, Clock clock) {
        this(backups, maxVerifiedAge, clock, null);
    }

    /** With {@code jobs}: also which node takes the cluster's backups, and this node's last skipped job. */
    public BackupHealthIndicator(BackupService backups, Duration maxVerifiedAge, Clock clock, BackupJobs jobs) {
        super("Backup status cannot be read");
        this.backups = backups;
        this.maxVerifiedAge = maxVerifiedAge;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.jobs = jobs;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        BackupStatus status = backups.status();
        Instant now = clock.instant();
        BackupStatus.Health health = status.health(now, maxVerifiedAge);
        boolean graceForFirstArchive = status.newestVerifiedAt() == null && status.lastFailure() == null
                && now.isBefore(startedAt.plus(maxVerifiedAge));
        builder.status(health.up() || graceForFirstArchive ? Status.UP : DEGRADED)
                .withDetail("detail", graceForFirstArchive && !health.up()
                        ? "No archive yet; the first is due before " + startedAt.plus(maxVerifiedAge) : health.detail())
                .withDetail("target", status.target());
        if (status.newestVerifiedAt() != null) {
            builder.withDetail("newestVerifiedAt", status.newestVerifiedAt().toString());
        }
        if (status.lastDrill() != null) {
            builder.withDetail("lastDrill", status.lastDrill().passed() ? "passed" : "failed");
        }
        if (status.lastFailure() != null) {
            builder.withDetail("lastFailure", status.lastFailure().finishedAt() + ": " + status.lastFailure().reason());
        }
        if (status.lastScrub() != null) {
            builder.withDetail("lastScrub", status.lastScrub());
        }
        if (status.lastRetention() != null) {
            builder.withDetail("lastRetention", status.lastRetention());
        }
        if (jobs != null) {
            builder.withDetail("backupNode", jobs.backupNode());
            if (jobs.lastStandby() != null) {
                builder.withDetail("thisNode", jobs.lastStandby());
            }
        }
    }
}
