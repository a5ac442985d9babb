package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.buildfactory.controlplane.ops.backup.DrillReport;
import com.buildfactory.controlplane.ops.backup.ScrubReport;
import com.buildfactory.controlplane.ops.backup.wiring.BackupComponents;
import com.buildfactory.controlplane.ops.retention.RetentionReport;
import com.buildfactory.controlplane.ops.retention.RetentionRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.buildfactory.controlplane.storage.ClusterLease;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the schedule, the admin endpoint and the CLI run: every archive taken is followed by retention; the drill.
 * Each job runs only on the node that holds the {@link ClusterLease} (always, on SQLite's single node): with several
 * nodes on PostgreSQL the others skip it, say so in the answer and in health, and record nothing, so the cluster
 * writes one archive per run and one run history.
 */
public class BackupJobs {

    private static final Logger log = LoggerFactory.getLogger(BackupJobs.class);

    private final BackupComponents components;
    private final ReadModelComparison comparison;
    private final ClusterLease lease;
    private volatile String lastStandby;

    public BackupJobs(BackupComponents components, ReadModelComparison comparison) {
        this(components, comparison, ClusterLease.singleNode());
    }

    public BackupJobs(BackupComponents components, ReadModelComparison comparison, ClusterLease lease) {
        this.components = components;
        this.comparison = comparison;
        this.lease = lease;
    }

    /** Who takes the cluster's backups, as this node sees it now. */
    public String backupNode() {
        return lease.holder();
    }

    /** The last job this node skipped because another node holds the lease, or null. */
    public String lastStandby() {
        return lastStandby;
    }

    /** Empty when this node holds the lease; else why the job is skipped here (INFO once until that changes). */
    private Optional<String> standby(String job) {
        if (lease.holdOrTake()) {
            if (lastStandby != null) {
                log.info("This node now takes the cluster's backups, scrubs and drills");
            }
            lastStandby = null;
            return Optional.empty();
        }
        String reason = "skipped on this node: " + lease.holder() + " takes the cluster's backups, scrubs and drills";
        if (lastStandby == null) {
            log.info("The {} is {} (said again at INFO when this node takes the lease)", job, reason);
        } else {
            log.debug("The {} is {}", job, reason);
        }
        lastStandby = Instant.now() + " " + job + " " + reason;
        return Optional.of(reason);
    }

    public BackupRun archive(ArchiveKind kind) {
        Optional<String> standby = standby("backup");
        if (standby.isPresent()) {
            Instant now = Instant.now();
            return BackupRun.skipped(kind, now, now, standby.get());
        }
        BackupRun run = components.backupService().backup(kind);
        logRun(run);
        if (run.outcome() == BackupRun.Outcome.SUCCEEDED) {
            applyRetention();
        }
        return run;
    }

    /** The frequent job: an incremental, or a full one when the newest verified full is a day old. */
    public BackupRun ship() {
        Optional<String> standby = standby("incremental shipping");
        if (standby.isPresent()) {
            Instant now = Instant.now();
            return BackupRun.skipped(ArchiveKind.INCREMENTAL, now, now, standby.get());
        }
        BackupRun run = components.backupService().ship();
        if (run.outcome() != BackupRun.Outcome.SKIPPED) {
            logRun(run);
        }
        if (run.outcome() == BackupRun.Outcome.SUCCEEDED) {
            applyRetention();
        }
        return run;
    }

    public DrillReport drill() {
        Optional<String> standby = standby("restore drill");
        if (standby.isPresent()) {
            return new DrillReport(false, Instant.now(), Duration.ZERO, null, 0, 0, standby.get());
        }
        DrillReport report = components.drillService().drill(comparison);
        if (report.passed()) {
            log.info("Restore drill passed in {} ({} events): {}", report.took(), report.events(), report.detail());
        } else {
            log.error("Restore drill FAILED: {}", report.detail());
        }
        return report;
    }

    /**
     * Re-verifies every archive on the target. Damage found means the latest chain may be broken: a full archive is
     * taken at once instead of at the next shipping run or the nightly full.
     */
    public ScrubReport scrub() {
        Optional<String> standby = standby("scrub");
        if (standby.isPresent()) {
            return new ScrubReport(Instant.now(), Duration.ZERO, 0, List.of(), standby.get());
        }
        ScrubReport report = components.scrubService().scrub();
        if (!report.damaged().isEmpty()) {
            log.error("Scrub found damaged archives {}: taking a full archive now", report.damaged());
            archive(ArchiveKind.FULL);
        }
        return report;
    }

    /** A failure is recorded for health and the status (the bucket grows until a run succeeds), never thrown. */
    private void applyRetention() {
        try {
            RetentionReport report = components.retentionService().apply();
            components.statusStore().record(RetentionRun.of(report));
            log.info("Retention: {}", report);
        } catch (RuntimeException e) {
            components.statusStore().record(RetentionRun.failed(Instant.now(),
                    e.getMessage() == null ? e.toString() : e.getMessage()));
            log.error("Retention failed; archives are kept until the next run", e);
        }
    }

    private static void logRun(BackupRun run) {
        if (run.outcome() == BackupRun.Outcome.FAILED) {
            log.error("Backup {} failed: {}", run.kind(), run.reason());
        } else {
            log.info("Backup {} {}: {} events up to position {}, {} bytes", run.kind(), run.outcome(),
                    run.eventCount(), run.lastPosition(), run.bytes());
        }
    }
}
