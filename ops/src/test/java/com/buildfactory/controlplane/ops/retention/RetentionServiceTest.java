package com.buildfactory.controlplane.ops.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.backup.BackupConfig;
import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.buildfactory.controlplane.ops.backup.BackupService;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.EventStoreFixture;
import com.buildfactory.controlplane.ops.backup.MutableClock;
import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionServiceTest {

    private static final Instant DAY_0 = Instant.parse("2026-09-01T02:30:00Z");

    @TempDir
    Path temp;

    private EventStoreFixture store;
    private MutableClock clock;
    private LocalFolderTarget target;
    private BackupService backups;
    private ArchiveCatalog catalog;

    @BeforeEach
    void setUp() throws Exception {
        store = new EventStoreFixture(temp.resolve("live.db"), 3, DAY_0.minusSeconds(600));
        store.append(100, 1_000);
        clock = new MutableClock(DAY_0);
        target = new LocalFolderTarget(temp.resolve("backups"));
        backups = new BackupService(store.database(), target, BackupConfig.of("test", temp.resolve("work"), null),
                new BackupStatusStore(), clock);
        catalog = backups.catalog();
    }

    @Test
    void deletesWhatIsOlderThanTheWindowButNeverTheNewestVerifiedFullOrWhatAKeptArchiveNeeds() throws Exception {
        BackupRun verifiedFull = backup(ArchiveKind.FULL, Duration.ZERO);
        BackupRun oldIncremental = backup(ArchiveKind.INCREMENTAL, Duration.ofHours(1));
        BackupRun unverifiedFull = backup(ArchiveKind.FULL, Duration.ofDays(20));
        target.delete(ArchiveLayout.key(unverifiedFull.archive(), ArchiveLayout.VERIFIED));
        BackupRun recentIncremental = backup(ArchiveKind.INCREMENTAL, Duration.ofDays(35));
        assertThat(catalog.manifest(recentIncremental.archive()).basedOn()).isEqualTo(unverifiedFull.archive());

        clock.set(DAY_0.plus(Duration.ofDays(45)));
        RetentionReport report = new RetentionService(catalog, RetentionPolicy.DEFAULT, clock).apply();

        assertThat(report.deleted()).containsExactly(oldIncremental.archive());
        assertThat(report.protectedFull()).isEqualTo(verifiedFull.archive());
        assertThat(names()).containsExactly(verifiedFull.archive(), unverifiedFull.archive(),
                recentIncremental.archive());

        clock.set(DAY_0.plus(Duration.ofDays(80)));
        new RetentionService(catalog, RetentionPolicy.DEFAULT, clock).apply();
        assertThat(names()).containsExactly(verifiedFull.archive());
    }

    @Test
    void theNewestVerifiedFullArchiveSurvivesAnyRetentionRun() throws Exception {
        Random random = new Random(17);
        String newestVerifiedFull = null;
        for (int day = 0; day < 12; day++) {
            BackupRun run = backup(random.nextInt(3) == 0 ? ArchiveKind.FULL : ArchiveKind.INCREMENTAL,
                    Duration.ofDays(day * 4L));
            if (run.kind() == ArchiveKind.FULL) {
                if (random.nextBoolean()) {
                    target.delete(ArchiveLayout.key(run.archive(), ArchiveLayout.VERIFIED));
                } else {
                    newestVerifiedFull = run.archive();
                }
            }
            clock.set(DAY_0.plus(Duration.ofDays(day * 4L + random.nextInt(60))));
            RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(1 + random.nextInt(30)),
                    Duration.ofHours(24));
            new RetentionService(catalog, policy, clock).apply();
            if (newestVerifiedFull != null) {
                assertThat(names()).contains(newestVerifiedFull);
            }
            for (ArchiveManifest kept : catalog.usable()) {
                assertThat(catalog.chain(kept)).isNotEmpty();
            }
        }
    }

    @Test
    void removesStaleManifestLessFoldersAndUnfinishedWrites() throws Exception {
        Path orphan = temp.resolve("backups/archives/full-20260801T000000Z-1-90/events.ndjson.gz");
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "half an archive");
        Path running = temp.resolve("backups/archives/full-20260901T020000Z-1-90/events.ndjson.gz");
        Files.createDirectories(running.getParent());
        Files.writeString(running, "upload in progress");

        RetentionReport report = new RetentionService(catalog, RetentionPolicy.DEFAULT, clock).apply();

        assertThat(report.removedUnfinished()).containsExactly("full-20260801T000000Z-1-90");
        assertThat(orphan).doesNotExist();
        assertThat(running).exists();
    }

    private BackupRun backup(ArchiveKind kind, Duration sinceDayZero) throws Exception {
        clock.set(DAY_0.plus(sinceDayZero));
        store.append(5, 1);
        BackupRun run = backups.backup(kind);
        assertThat(run.outcome()).as(run.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        return run;
    }

    private java.util.List<String> names() {
        return catalog.usable().stream().map(ArchiveManifest::archive).toList();
    }
}
