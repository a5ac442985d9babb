package com.buildfactory.controlplane.storage.sqlite;

import com.buildfactory.controlplane.storage.ItemEventRef;
import com.buildfactory.controlplane.storage.LogEntry;
import com.buildfactory.controlplane.storage.SnapshotEntry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The event-log reader and the restore's writes on a real SQLite file migrated by the storage module's scripts. */
class SqliteEventLogTest {

    @TempDir
    Path folder;

    private SQLiteDataSource dataSource;
    private SqliteEventLog log;

    @BeforeEach
    void migrate() {
        dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + folder.resolve("log.db"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/sqlite").load().migrate();
        log = new SqliteEventLog(dataSource);
    }

    @Test
    void anEmptyLogHasHeadMinusOneAndNothingToRead() {
        assertThat(log.head()).isEqualTo(-1);
        assertThat(log.itemEvents("wi-A", -1)).isEmpty();
        List<Long> heads = new ArrayList<>();
        log.readAllByItem(heads::add, e -> {
        });
        assertThat(heads).isEmpty();
    }

    @Test
    void readsTheHeadOneItemsEventsAPageAfterAPositionAndEverythingByItem() throws Exception {
        append(event(1, "wi-B", 0), event(2, "wi-A", 0), event(3, "wi-B", 1), event(5, "wi-A", 1));

        assertThat(log.head()).isEqualTo(5);
        assertThat(log.itemEvents("wi-A", -1)).extracting(ItemEventRef::position).containsExactly(2L, 5L);
        assertThat(log.itemEvents("wi-B", 0)).containsExactly(new ItemEventRef(3, 1, "2026-12-03T10:00:03Z"));

        List<Long> page = new ArrayList<>();
        log.readAfter(1, 2, e -> page.add(e.position()));
        assertThat(page).containsExactly(2L, 3L);

        List<Long> heads = new ArrayList<>();
        List<String> byItem = new ArrayList<>();
        log.readAllByItem(heads::add, e -> byItem.add(e.aggregateIdentifier() + "/" + e.sequenceNumber()));
        assertThat(heads).containsExactly(5L);
        assertThat(byItem).containsExactly("wi-A/0", "wi-A/1", "wi-B/0", "wi-B/1");

        List<LogEntry> all = new ArrayList<>();
        log.readAfter(-1, 10, all::add);
        assertThat(new String(all.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        assertThat(all.get(0).metaData()).isNull();
    }

    @Test
    void aRestoreKeepsOnlyEachItemsNewestSnapshotOfAStoredEvent() throws Exception {
        append(event(1, "wi-A", 0), event(2, "wi-A", 1));
        try (Connection connection = dataSource.getConnection()) {
            try (SqliteEventTables.Inserts<SnapshotEntry> snapshots = SqliteEventTables.insertSnapshots(connection)) {
                snapshots.add(snapshot("wi-A", 0));
                snapshots.add(snapshot("wi-A", 1));
                snapshots.add(snapshot("wi-A", 7));
            }
            assertThat(SqliteEventTables.keepNewestSnapshotsOfStoredEvents(connection)).isEqualTo(1);
            List<Long> kept = new ArrayList<>();
            SqliteEventTables.snapshotsAt(connection, 0, 2, s -> kept.add(s.sequenceNumber()));
            assertThat(kept).containsExactly(1L);
            assertThat(SqliteEventTables.eventIdentifierAt(connection, 2)).contains("event-2");
            assertThat(SqliteEventTables.tablesBesideTheLog(connection)).contains("TokenEntry")
                    .doesNotContainAnyElementsOf(SqliteEventTables.LOG_TABLES);
        }
    }

    private void append(LogEntry... entries) throws Exception {
        try (Connection connection = dataSource.getConnection();
             SqliteEventTables.Inserts<LogEntry> insert = SqliteEventTables.insertEvents(connection)) {
            for (LogEntry entry : entries) {
                insert.add(entry);
            }
        }
    }

    private static LogEntry event(long position, String item, long sequence) {
        return new LogEntry(position, "event-" + position, item, sequence, "WorkItem",
                "2026-12-03T10:00:0" + position + "Z", "Example", null,
                ("{\"n\":" + position + "}").getBytes(StandardCharsets.UTF_8), null);
    }

    private static SnapshotEntry snapshot(String item, long sequence) {
        return new SnapshotEntry(item, sequence, "WorkItem", "snapshot-" + sequence, "2026-12-03T10:00:00Z",
                "WorkItem", null, "{}".getBytes(StandardCharsets.UTF_8), null);
    }
}
