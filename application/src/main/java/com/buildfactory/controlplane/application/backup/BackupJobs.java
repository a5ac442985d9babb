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

import java.time.Instant;

/** What the schedule, the admin endpoint and the CLI run: every archive taken is followed by retention; the drill. */
public class BackupJobs {

    private static final Logger log = LoggerFactory.getLogger(BackupJobs.class);

    private final BackupComponents components;
    private final ReadModelComparison comparison;

    public BackupJobs(BackupComponents components, ReadModelComparison comparison) {
        this.components = components;
        this.comparison = comparison;
    }

    public BackupRun archive(ArchiveKind kind) {
        BackupRun run = components.backupService().backup(kind);
        logRun(run);
        if (run.outcome() == BackupRun.Outcome.SUCCEEDED) {
            applyRetention();
        }
        return run;
    }

    /** The frequent job: an incremental, or a full one when the newest verified full is a day old. */
    public BackupRun ship() {
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
