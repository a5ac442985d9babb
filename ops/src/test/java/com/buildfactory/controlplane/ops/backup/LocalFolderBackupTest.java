package com.buildfactory.controlplane.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.restore.RestoreRequest;
import com.buildfactory.controlplane.ops.restore.RestoreService;
import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: archives in a local folder, encrypted, shipped as full and incremental archives. */
class LocalFolderBackupTest {

    @TempDir
    Path temp;

    private EventStoreFixture store;
    private MutableClock clock;
    private LocalFolderTarget target;
    private ArchiveKey key;
    private BackupService backups;

    @BeforeEach
    void setUp() throws Exception {
        store = new EventStoreFixture(temp.resolve("live.db"), 5, Instant.parse("2026-11-01T10:00:00Z"));
        store.append(2_000, 1_000);
        clock = new MutableClock(store.now());
        target = new LocalFolderTarget(temp.resolve("data/backups"));
        key = ArchiveKey.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        backups = new BackupService(store.database(), target, BackupConfig.of("0.1.0", temp.resolve("work"), key),
                new BackupStatusStore(temp.resolve("data/backup-status.json")), clock);
    }

    @Test
    void shipsFullThenIncrementalThenSkipsWhenNothingIsNewAndRestoresTheWhole() throws Exception {
        BackupRun full = backups.ship();
        store.append(300, 1_000);
        clock.set(store.now());
        BackupRun incremental = backups.ship();
        clock.advance(Duration.ofMinutes(5));
        BackupRun nothingNew = backups.ship();

        assertThat(full.kind()).isEqualTo(ArchiveKind.FULL);
        assertThat(incremental.kind()).isEqualTo(ArchiveKind.INCREMENTAL);
        assertThat(incremental.firstPosition()).isEqualTo(2_001);
        assertThat(nothingNew.outcome()).isEqualTo(BackupRun.Outcome.SKIPPED);
        assertThat(nothingNew.reason()).isEqualTo("no new events since " + incremental.archive());
        assertThat(target.root().resolve("archives/" + full.archive() + "/events.ndjson.gz.sha256")).exists();

        Path restored = temp.resolve("restored/store.db");
        new RestoreService(backups.catalog(), key, temp.resolve("work")).restore(RestoreRequest.latest(restored));
        assertThat(EventStoreFixture.events(restored)).isEqualTo(EventStoreFixture.events(store.database()));
        assertThat(EventStoreFixture.snapshots(restored)).isEqualTo(EventStoreFixture.snapshots(store.database()));

        BackupStatusStore reloaded = new BackupStatusStore(temp.resolve("data/backup-status.json"));
        assertThat(reloaded.runs()).extracting(BackupRun::outcome).containsExactly(BackupRun.Outcome.SUCCEEDED,
                BackupRun.Outcome.SUCCEEDED, BackupRun.Outcome.SKIPPED);
    }

    @Test
    void aFullArchiveIsTakenAtLeastDaily() {
        backups.ship();
        clock.advance(Duration.ofHours(23));
        assertThat(backups.ship().outcome()).isEqualTo(BackupRun.Outcome.SKIPPED);
        clock.advance(Duration.ofHours(2));
        assertThat(backups.ship().kind()).isEqualTo(ArchiveKind.FULL);
    }

    @Test
    void afterAPointInTimeRestoreTheNextArchiveIsFullBecauseTheLogForked() throws Exception {
        backups.ship();
        Path forked = temp.resolve("forked.db");
        new RestoreService(backups.catalog(), key, temp.resolve("work"))
                .restore(new RestoreRequest("latest", 100L, null, forked, false));
        EventStoreFixture forkedStore = new EventStoreFixture(forked, 99, clock.instant());
        forkedStore.append(600, 1_000);
        clock.set(forkedStore.now());
        BackupService onFork = new BackupService(forked, target, BackupConfig.of("0.1.0", temp.resolve("work"), key),
                new BackupStatusStore(), clock);

        BackupRun run = onFork.backup(ArchiveKind.INCREMENTAL);
        assertThat(run.kind()).isEqualTo(ArchiveKind.FULL);
        assertThat(run.lastPosition()).isEqualTo(700);
        assertThat(onFork.catalog().latest().orElseThrow().archive()).isEqualTo(run.archive());

        forkedStore.append(50, 1_000);
        clock.set(forkedStore.now());
        BackupRun next = onFork.ship();
        assertThat(next.kind()).isEqualTo(ArchiveKind.INCREMENTAL);
        assertThat(onFork.catalog().manifest(next.archive()).basedOn()).isEqualTo(run.archive());
        Path again = temp.resolve("again.db");
        new RestoreService(onFork.catalog(), key, temp.resolve("work")).restore(RestoreRequest.latest(again));
        assertThat(EventStoreFixture.events(again)).isEqualTo(EventStoreFixture.events(forked));
    }

    @Test
    void theExportReadsOnePointOfTheLogWhileCommandsKeepCommitting() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Connection connection = store.connect()) {
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry"
                        + " (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,"
                        + " payload) VALUES (?, ?, ?, 'WorkItem', ?, 'LaneChanged', ?)")) {
                    String aggregate = UUID.randomUUID().toString();
                    for (long sequence = 0; writing.get(); sequence++) {
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, aggregate);
                        insert.setLong(3, sequence);
                        insert.setString(4, Instant.now().toString());
                        insert.setBytes(5, "{\"lane\":\"build\"}".getBytes());
                        insert.executeUpdate();
                        connection.commit();
                        committed.incrementAndGet();
                    }
                }
            } catch (Throwable e) {
                writerFailure.set(e);
            }
        });
        writer.start();
        while (committed.get() < 50) {
            Thread.sleep(5);
        }
        int before = committed.get();
        BackupRun run = backups.backup(ArchiveKind.FULL);
        int during = committed.get() - before;
        writing.set(false);
        writer.join();

        assertThat(writerFailure.get()).isNull();
        assertThat(run.outcome()).as(run.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        assertThat(during).as("commits while the export ran").isPositive();
        Path restored = temp.resolve("consistent/store.db");
        new RestoreService(backups.catalog(), key, temp.resolve("work")).restore(RestoreRequest.latest(restored));
        List<String> live = EventStoreFixture.events(store.database());
        assertThat(live.size()).isGreaterThan((int) run.lastPosition());
        assertThat(EventStoreFixture.events(restored)).isEqualTo(live.subList(0, (int) run.lastPosition()));
        ArchiveManifest manifest = backups.catalog().manifest(run.archive());
        assertThat(manifest.eventCount()).isEqualTo(run.lastPosition());
        assertThat(Files.list(temp.resolve("work"))).isEmpty();
    }
}
