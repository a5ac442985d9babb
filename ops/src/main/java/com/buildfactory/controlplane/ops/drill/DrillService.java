package com.buildfactory.controlplane.ops.drill;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.DrillReport;
import com.buildfactory.controlplane.ops.backup.Folders;
import com.buildfactory.controlplane.ops.restore.RestoreRequest;
import com.buildfactory.controlplane.ops.restore.RestoreResult;
import com.buildfactory.controlplane.ops.restore.RestoreService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import com.buildfactory.controlplane.storage.archive.ArchiveStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores the newest archive (with its chain) into a scratch folder, checks that the restored store holds exactly
 * the archived events up to the archived position with no token or read-model row, hands it to the caller's
 * {@link RestoredStoreCheck}, records the result and removes the scratch folder.
 */
public final class DrillService {

    private static final Logger log = LoggerFactory.getLogger(DrillService.class);

    private final RestoreService restoreService;
    private final ArchiveCatalog catalog;
    private final Path scratchFolder;
    private final BackupStatusStore statusStore;
    private final Clock clock;

    public DrillService(RestoreService restoreService, ArchiveCatalog catalog, Path scratchFolder,
                        BackupStatusStore statusStore, Clock clock) {
        this.restoreService = restoreService;
        this.catalog = catalog;
        this.scratchFolder = scratchFolder;
        this.statusStore = statusStore;
        this.clock = clock;
    }

    public DrillReport drill() {
        return drill(RestoredStoreCheck.NONE);
    }

    public synchronized DrillReport drill(RestoredStoreCheck check) {
        Instant started = clock.instant();
        if (catalog.latest().isEmpty()) {
            // A fresh instance has nothing to drill yet: not a failed drill, so health is not degraded by it.
            log.info("Restore drill skipped: no archive yet in {}", catalog.target().describe());
            return new DrillReport(false, started, Duration.ZERO, null, 0, 0,
                    "skipped: no archive yet; the first drill runs once an archive exists");
        }
        long startedNanos = System.nanoTime();
        Path folder = null;
        String archive = null;
        long events = 0;
        long lastPosition = 0;
        DrillReport report;
        try {
            ArchiveManifest newest = catalog.latest().orElseThrow(() ->
                    new IllegalStateException("no archive to drill in " + catalog.target().describe()));
            archive = newest.archive();
            Files.createDirectories(scratchFolder);
            folder = Files.createTempDirectory(scratchFolder, "drill-");
            RestoreResult restored = restoreService.restore(new RestoreRequest(archive, null, null,
                    folder.resolve("restored.db"), false));
            events = restored.eventCount();
            lastPosition = restored.lastPosition();
            long expected = catalog.chain(newest).stream().mapToLong(ArchiveManifest::eventCount).sum();
            String mismatch = compare(restored, newest, expected);
            if (mismatch != null) {
                report = new DrillReport(false, started, Duration.ofNanos(System.nanoTime() - startedNanos), archive,
                        events, lastPosition, mismatch);
            } else {
                RestoredStoreCheck.Outcome outcome = check.check(restored);
                report = new DrillReport(outcome.passed(), started, Duration.ofNanos(System.nanoTime() - startedNanos),
                        archive, events, lastPosition, outcome.detail());
            }
        } catch (Exception e) {
            report = new DrillReport(false, started, Duration.ofNanos(System.nanoTime() - startedNanos), archive, events,
                    lastPosition, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            Folders.deleteQuietly(folder);
        }
        statusStore.record(report);
        if (report.passed()) {
            log.info("Restore drill of {} passed in {}: {} events up to position {}", report.archive(), report.took(),
                    report.events(), report.lastPosition());
        } else {
            log.warn("Restore drill of {} failed: {}", report.archive(), report.detail());
        }
        return report;
    }

    private static String compare(RestoreResult restored, ArchiveManifest newest, long expectedEvents) {
        long expectedLast = expectedEvents == 0 ? 0 : newest.lastPosition();
        if (restored.eventCount() != expectedEvents || restored.lastPosition() != expectedLast) {
            return "restored " + restored.eventCount() + " events up to " + restored.lastPosition() + ", archive "
                    + newest.archive() + " holds " + expectedEvents + " up to " + newest.lastPosition();
        }
        return ArchiveStores.problemsOfRestoredSqliteFile(restored.database()).orElse(null);
    }

}
