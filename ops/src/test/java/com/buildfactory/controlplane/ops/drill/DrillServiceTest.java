package com.buildfactory.controlplane.ops.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.backup.BackupConfig;
import com.buildfactory.controlplane.ops.backup.BackupService;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.DrillReport;
import com.buildfactory.controlplane.ops.backup.EventStoreFixture;
import com.buildfactory.controlplane.ops.backup.MutableClock;
import com.buildfactory.controlplane.ops.restore.RestoreService;
import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillServiceTest {

    @TempDir
    Path temp;

    @Test
    void restoresTheNewestArchiveIntoScratchSpaceHandsItToTheCallerAndCleansUp() throws Exception {
        EventStoreFixture store = new EventStoreFixture(temp.resolve("live.db"), 8, Instant.parse("2026-11-20T00:00:00Z"));
        store.append(800, 1_000);
        store.fillReadModels();
        MutableClock clock = new MutableClock(store.now());
        BackupStatusStore status = new BackupStatusStore();
        BackupService backups = new BackupService(store.database(), new LocalFolderTarget(temp.resolve("backups")),
                BackupConfig.of("test", temp.resolve("work"), null), status, clock);
        backups.backup(ArchiveKind.FULL);
        store.append(200, 1_000);
        backups.backup(ArchiveKind.INCREMENTAL);
        DrillService drills = drills(backups.catalog(), status, clock);

        AtomicReference<Path> seen = new AtomicReference<>();
        DrillReport report = drills.drill(restored -> {
            seen.set(restored.database());
            boolean same = EventStoreFixture.events(restored.database())
                    .equals(EventStoreFixture.events(store.database()));
            return new RestoredStoreCheck.Outcome(same, same ? "read models equal" : "differs");
        });

        assertThat(report.passed()).as(report.detail()).isTrue();
        assertThat(report.events()).isEqualTo(1_000);
        assertThat(report.lastPosition()).isEqualTo(1_000);
        assertThat(report.archive()).startsWith("incremental-");
        assertThat(seen.get()).doesNotExist();
        assertThat(Files.list(temp.resolve("scratch"))).isEmpty();
        assertThat(status.lastDrill()).isEqualTo(report);
        assertThat(backups.status().lastDrill()).isEqualTo(report);

        DrillReport failed = drills.drill(restored -> new RestoredStoreCheck.Outcome(false, "item_page differs"));
        assertThat(failed.passed()).isFalse();
        assertThat(failed.detail()).isEqualTo("item_page differs");
    }

    @Test
    void aDrillBeforeAnyArchiveIsSkippedAndNotRecordedSoAFreshInstanceStaysHealthy() {
        BackupStatusStore status = new BackupStatusStore();
        ArchiveCatalog empty = new ArchiveCatalog(new LocalFolderTarget(temp.resolve("empty")));
        MutableClock clock = new MutableClock(Instant.now());
        DrillReport report = drills(empty, status, clock).drill();
        assertThat(report.passed()).isFalse();
        assertThat(report.detail()).startsWith("skipped: no archive yet");
        assertThat(status.lastDrill()).isNull();
        BackupService backups = new BackupService(temp.resolve("none.db"), empty.target(),
                BackupConfig.of("test", temp.resolve("work"), null), status, clock);
        assertThat(backups.status().health(clock.instant(), Duration.ofHours(26)).detail())
                .doesNotContain("drill");
    }

    private DrillService drills(ArchiveCatalog catalog, BackupStatusStore status, MutableClock clock) {
        return new DrillService(new RestoreService(catalog, null, temp.resolve("work")), catalog,
                temp.resolve("scratch"), status, clock);
    }
}
