package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Nightly full archive, incremental shipping every few minutes, a daily scrub, a weekly restore drill; all in UTC. */
public class BackupSchedule {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

    private final BackupJobs jobs;

    public BackupSchedule(BackupJobs jobs) {
        this.jobs = jobs;
    }

    @Scheduled(cron = "${control-plane.backup.full-cron:0 30 2 * * *}", zone = "UTC")
    public void nightlyFull() {
        guarded("nightly full archive", () -> jobs.archive(ArchiveKind.FULL));
    }

    @Scheduled(fixedDelayString = "${control-plane.backup.ship-interval:5m}",
            initialDelayString = "${control-plane.backup.ship-interval:5m}")
    public void ship() {
        guarded("incremental shipping", jobs::ship);
    }

    @Scheduled(cron = "${control-plane.backup.drill-cron:0 30 3 * * SUN}", zone = "UTC")
    public void weeklyDrill() {
        guarded("restore drill", jobs::drill);
    }

    @Scheduled(cron = "${control-plane.backup.scrub-cron:0 0 4 * * *}", zone = "UTC")
    public void dailyScrub() {
        guarded("archive scrub", jobs::scrub);
    }

    /** A failing job is recorded in the backup status; it must never stop the scheduler thread. */
    private static void guarded(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("The {} failed", job, e);
        }
    }
}
