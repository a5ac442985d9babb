package com.buildfactory.controlplane.ops.postgres;

import static com.buildfactory.controlplane.ops.postgres.TestDatabases.EVENTS;
import static com.buildfactory.controlplane.ops.postgres.TestDatabases.SNAPSHOTS;
import static com.buildfactory.controlplane.ops.postgres.TestDatabases.rows;
import static com.buildfactory.controlplane.ops.postgres.TestDatabases.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.archive.ArchiveException;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.backup.BackupConfig;
import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.buildfactory.controlplane.ops.backup.BackupService;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.EventLogExporter;
import com.buildfactory.controlplane.ops.backup.EventStoreFixture;
import com.buildfactory.controlplane.ops.backup.MutableClock;
import com.buildfactory.controlplane.ops.restore.RestoreRequest;
import com.buildfactory.controlplane.ops.restore.RestoreResult;
import com.buildfactory.controlplane.ops.restore.RestoreService;
import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import com.buildfactory.controlplane.storage.archive.ArchiveStores;
import com.buildfactory.controlplane.storage.postgres.PostgresLease;
import com.buildfactory.controlplane.storage.postgres.PostgresSharedDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives on PostgreSQL, against a real server: taken from a PostgreSQL store and restored into an empty PostgreSQL
 * database with every event equal at its own position and the sequence past the head; the same rows in an archive
 * whichever engine wrote it, and an archive of either restoring into the other; a database with events refused and
 * left as it was; an append that commits during the export's start not skipped; the cluster lease held by one node;
 * the run history shared by every node.
 */
class PostgresArchiveTest {

    private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");
    /** {@code AppendsInCommitOrder.APPEND_LOCK}: "cp-log" in ASCII. */
    private static final long APPEND_LOCK = 0x63702d6c6f67L;

    @TempDir
    Path temp;

    @Test
    void anArchiveOfPostgresRestoresIntoAnEmptyPostgresEqualAndTheNextAppendFollowsTheHead() throws Exception {
        EventStoreFixture first = new EventStoreFixture(temp.resolve("first.db"), 11, START);
        first.append(1_500, 1_000);
        String live = TestDatabases.migrated();
        TestDatabases.appendFrom(first.database(), live);
        MutableClock clock = new MutableClock(first.now());
        BackupService backups = backupsOf(live, temp.resolve("archives"), clock);
        BackupRun full = backups.ship();

        execute(live, "SELECT nextval(pg_get_serial_sequence('domainevententry', 'globalindex'))"
                + " FROM generate_series(1, 5)");
        EventStoreFixture more = new EventStoreFixture(temp.resolve("more.db"), 12, first.now());
        more.append(300, 1_000);
        TestDatabases.appendFrom(more.database(), live);
        clock.set(more.now());
        BackupRun incremental = backups.ship();

        assertThat(full.kind()).isEqualTo(ArchiveKind.FULL);
        assertThat(full.lastPosition()).isEqualTo(1_500);
        assertThat(incremental.kind()).isEqualTo(ArchiveKind.INCREMENTAL);
        assertThat(incremental.outcome()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        assertThat(incremental.eventCount()).isEqualTo(300);
        assertThat(incremental.lastPosition()).as("positions kept, gap included").isEqualTo(1_805);

        String restored = TestDatabases.fresh();
        RestoreResult result = restoreService(backups).restore(RestoreRequest.latest(null),
                ArchiveStores.postgresRestore(restored, null, null));

        assertThat(result.eventCount()).isEqualTo(1_800);
        assertThat(rows(restored, EVENTS)).isEqualTo(rows(live, EVENTS));
        assertThat(rows(restored, SNAPSHOTS)).isEqualTo(rows(live, SNAPSHOTS)).isNotEmpty();
        assertThat(single(restored, "SELECT count(*) FROM TokenEntry")).isZero();
        assertThat(single(restored, "SELECT count(*) FROM item_page")).as("read models rebuild on start").isZero();
        assertThat(single(restored, "INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier,"
                + " sequenceNumber, type, timeStamp, payloadType, payload) VALUES ('next', 'next-item', 0, 'WorkItem',"
                + " '2026-11-02T00:00:00Z', 'Created', '\\x7b7d') RETURNING globalIndex"))
                .as("the next append follows the restored head").isEqualTo(1_806);
    }

    @Test
    void theSameLogMakesTheSameArchiveOnEitherEngineAndEachRestoresIntoTheOther() throws Exception {
        EventStoreFixture sqlite = new EventStoreFixture(temp.resolve("live.db"), 21, START);
        sqlite.append(800, 1_000);
        String postgres = TestDatabases.migrated();
        TestDatabases.appendFrom(sqlite.database(), postgres);
        MutableClock clock = new MutableClock(sqlite.now());
        BackupService fromSqlite = new BackupService(sqlite.database(), new LocalFolderTarget(temp.resolve("a")),
                BackupConfig.of("0.1.0", temp.resolve("work"), null), new BackupStatusStore(), clock);
        BackupService fromPostgres = backupsOf(postgres, temp.resolve("b"), clock);
        BackupRun a = fromSqlite.backup(ArchiveKind.FULL);
        BackupRun b = fromPostgres.backup(ArchiveKind.FULL);

        assertThat(lines(temp.resolve("a"), a.archive(), ArchiveLayout.EVENTS))
                .isEqualTo(lines(temp.resolve("b"), b.archive(), ArchiveLayout.EVENTS)).hasSize(800);
        assertThat(lines(temp.resolve("a"), a.archive(), ArchiveLayout.SNAPSHOTS))
                .isEqualTo(lines(temp.resolve("b"), b.archive(), ArchiveLayout.SNAPSHOTS)).isNotEmpty();

        Path intoSqlite = temp.resolve("restored/control-plane.db");
        restoreService(fromPostgres).restore(RestoreRequest.latest(intoSqlite));
        assertThat(EventStoreFixture.events(intoSqlite)).isEqualTo(EventStoreFixture.events(sqlite.database()));
        assertThat(EventStoreFixture.snapshots(intoSqlite)).isEqualTo(EventStoreFixture.snapshots(sqlite.database()));

        String intoPostgres = TestDatabases.fresh();
        restoreService(fromSqlite).restore(RestoreRequest.latest(null),
                ArchiveStores.postgresRestore(intoPostgres, null, null));
        assertThat(rows(intoPostgres, EVENTS)).isEqualTo(rows(postgres, EVENTS));
        assertThat(rows(intoPostgres, SNAPSHOTS)).isEqualTo(rows(postgres, SNAPSHOTS));
    }

    @Test
    void aDatabaseThatHoldsEventsIsRefusedAndLeftAsItWas() throws Exception {
        EventStoreFixture sqlite = new EventStoreFixture(temp.resolve("live.db"), 31, START);
        sqlite.append(200, 1_000);
        BackupService backups = new BackupService(sqlite.database(), new LocalFolderTarget(temp.resolve("a")),
                BackupConfig.of("0.1.0", temp.resolve("work"), null), new BackupStatusStore(),
                new MutableClock(sqlite.now()));
        backups.backup(ArchiveKind.FULL);
        String busy = TestDatabases.migrated();
        EventStoreFixture other = new EventStoreFixture(temp.resolve("other.db"), 32, START);
        other.append(50, 1_000);
        TestDatabases.appendFrom(other.database(), busy);
        List<String> events = rows(busy, EVENTS);
        List<String> snapshots = rows(busy, SNAPSHOTS);
        List<String> schema = rows(busy, "SELECT version, checksum FROM flyway_schema_history ORDER BY installed_rank");
        long sequence = single(busy, "SELECT last_value FROM domainevententry_globalindex_seq");

        assertThatThrownBy(() -> restoreService(backups).restore(RestoreRequest.latest(null),
                ArchiveStores.postgresRestore(busy, null, null)))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("already holds 50 events")
                .hasMessageContaining("Nothing was changed");

        assertThat(rows(busy, EVENTS)).isEqualTo(events);
        assertThat(rows(busy, SNAPSHOTS)).isEqualTo(snapshots);
        assertThat(rows(busy, "SELECT version, checksum FROM flyway_schema_history ORDER BY installed_rank"))
                .isEqualTo(schema);
        assertThat(single(busy, "SELECT last_value FROM domainevententry_globalindex_seq")).isEqualTo(sequence);
    }

    @Test
    void anAppendThatHasDrawnItsPositionWhenTheExportStartsIsInTheArchive() throws Exception {
        EventStoreFixture sqlite = new EventStoreFixture(temp.resolve("live.db"), 41, START);
        sqlite.append(100, 1_000);
        String live = TestDatabases.migrated();
        TestDatabases.appendFrom(sqlite.database(), live);
        BackupService backups = backupsOf(live, temp.resolve("archives"), new MutableClock(sqlite.now()));

        CompletableFuture<BackupRun> run;
        try (Connection append = DriverManager.getConnection(live)) {
            append.setAutoCommit(false);
            try (Statement statement = append.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
                statement.execute("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber,"
                        + " type, timeStamp, payloadType, payload) VALUES ('late', 'late-item', 0, 'WorkItem',"
                        + " '2026-11-02T00:00:00Z', 'Created', '\\x7b7d')");
            }
            run = CompletableFuture.supplyAsync(() -> backups.backup(ArchiveKind.FULL));
            awaitAWaiterOnTheAppendLock(live);
            append.commit();
        }
        BackupRun done = run.get(60, TimeUnit.SECONDS);

        assertThat(done.outcome()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        assertThat(done.eventCount()).isEqualTo(101);
        assertThat(done.lastPosition()).isEqualTo(101);
    }

    @Test
    void oneNodeHoldsTheLeaseUntilItStopsAndEveryNodeReadsTheSameRunHistory() throws Exception {
        String database = TestDatabases.migrated();
        try (PostgresLease a = new PostgresLease(TestDatabases.dataSource(database), "node-a");
             PostgresLease b = new PostgresLease(TestDatabases.dataSource(database), "node-b")) {
            assertThat(a.holdOrTake()).isTrue();
            assertThat(b.holdOrTake()).isFalse();
            assertThat(a.holdOrTake()).as("still held").isTrue();
            assertThat(b.holder()).startsWith("node-a (backend pid ");
            a.close();
            assertThat(b.holdOrTake()).as("taken over once given up").isTrue();
            assertThat(a.holdOrTake()).isFalse();
        }

        BackupStatusStore onA = new BackupStatusStore(
                new PostgresSharedDocument(TestDatabases.dataSource(database), "backup-status"));
        BackupStatusStore onB = new BackupStatusStore(
                new PostgresSharedDocument(TestDatabases.dataSource(database), "backup-status"));
        EventStoreFixture sqlite = new EventStoreFixture(temp.resolve("live.db"), 51, START);
        sqlite.append(10, 1_000);
        new BackupService(sqlite.database(), new LocalFolderTarget(temp.resolve("a")),
                BackupConfig.of("0.1.0", temp.resolve("work"), null), onA, new MutableClock(sqlite.now()))
                .backup(ArchiveKind.FULL);
        assertThat(onB.runs()).hasSize(1).first().extracting(BackupRun::outcome)
                .isEqualTo(BackupRun.Outcome.SUCCEEDED);
    }

    private BackupService backupsOf(String database, Path folder, MutableClock clock) {
        return new BackupService(new EventLogExporter(ArchiveStores.postgres(TestDatabases.dataSource(database),
                database)), new ArchiveCatalog(new LocalFolderTarget(folder)),
                BackupConfig.of("0.1.0", temp.resolve("work"), null), new BackupStatusStore(), clock);
    }

    private RestoreService restoreService(BackupService backups) {
        return new RestoreService(backups.catalog(), null, temp.resolve("work"));
    }

    private static List<String> lines(Path folder, String archive, String part) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(folder.resolve(
                ArchiveLayout.key(archive, part))))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void awaitAWaiterOnTheAppendLock(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE"
                        + " locktype = 'advisory' AND NOT granted")) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the export never waited for the append in flight");
    }
}
