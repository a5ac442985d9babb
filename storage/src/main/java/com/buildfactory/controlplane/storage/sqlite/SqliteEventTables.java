package com.buildfactory.controlplane.storage.sqlite;

import com.buildfactory.controlplane.storage.jdbc.LogStatements;
import com.buildfactory.controlplane.storage.ItemEventRef;
import com.buildfactory.controlplane.storage.LogEntry;
import com.buildfactory.controlplane.storage.SnapshotEntry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Every SQL statement against the event store's tables ({@code DomainEventEntry}, {@code SnapshotEventEntry}), on
 * a connection the caller opened: the service's pools, or a file the backup, restore and drill open themselves with
 * their own settings. Axon's storage engine and token store write the same tables with their own statements.
 */
public final class SqliteEventTables {

    /** The tables that hold the log itself; everything else in the file is derived from them or bookkeeping. */
    public static final List<String> LOG_TABLES = List.of("DomainEventEntry", "SnapshotEventEntry");

    private static final String SNAPSHOT_COLUMNS = "aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
            + " timeStamp, payloadType, payloadRevision, payload, metaData";
    private static final int BATCH = 1_000;

    private SqliteEventTables() {
    }

    /** The position of the last stored event; -1 while the log is empty. */
    public static long head(Connection connection) throws SQLException {
        return LogStatements.head(connection);
    }

    /**
     * The tables of the file other than the log and Flyway's history: tokens, read models, idempotency records;
     * all of them start empty in a restored store.
     */
    public static List<String> tablesBesideTheLog(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (!LOG_TABLES.contains(name) && !name.equals("flyway_schema_history")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    public static long eventCount(Connection connection) throws SQLException {
        return LogStatements.eventCount(connection);
    }

    public static long snapshotCount(Connection connection) throws SQLException {
        return LogStatements.snapshotCount(connection);
    }

    public static Optional<String> eventIdentifierAt(Connection connection, long position) throws SQLException {
        return LogStatements.eventIdentifierAt(connection, position);
    }

    public static List<ItemEventRef> itemEvents(Connection connection, String itemId, long afterSequence)
            throws SQLException {
        return LogStatements.itemEvents(connection, itemId, afterSequence);
    }

    /** Events with {@code after < position <= upTo}, in log order, at most {@code limit}. */
    public static void events(Connection connection, long after, long upTo, long limit, Consumer<LogEntry> each)
            throws SQLException {
        LogStatements.events(connection, after, upTo, limit, each);
    }

    /**
     * Every event, each stream's together in sequence order (the unique index's order), in the one read snapshot of
     * this statement, which also reads the head: on a connection in autocommit mode no write lock is taken.
     */
    public static void eventsByItem(Connection connection, LongConsumer head, Consumer<LogEntry> each)
            throws SQLException {
        LogStatements.eventsByItem(connection, head, each);
    }

    /** The snapshots taken at events with {@code after < position <= upTo}, in log order. */
    public static void snapshotsAt(Connection connection, long after, long upTo, Consumer<SnapshotEntry> each)
            throws SQLException {
        LogStatements.snapshotsAt(connection, after, upTo, each);
    }

    /** Appends events at their own positions in batches, for a restore into a fresh file; close to flush. */
    public static Inserts<LogEntry> insertEvents(Connection connection) throws SQLException {
        return new Inserts<>(connection.prepareStatement(
                "INSERT INTO DomainEventEntry (" + LogStatements.EVENT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), (insert, e) -> {
            insert.setLong(1, e.position());
            insert.setString(2, e.eventIdentifier());
            insert.setString(3, e.aggregateIdentifier());
            insert.setLong(4, e.sequenceNumber());
            insert.setString(5, e.type());
            insert.setString(6, e.timeStamp());
            insert.setString(7, e.payloadType());
            insert.setString(8, e.payloadRevision());
            insert.setBytes(9, e.payload());
            insert.setBytes(10, e.metaData());
        });
    }

    /** Stores snapshots in batches, a later one for the same event replacing an earlier; close to flush. */
    public static Inserts<SnapshotEntry> insertSnapshots(Connection connection) throws SQLException {
        return new Inserts<>(connection.prepareStatement("INSERT OR REPLACE INTO SnapshotEventEntry ("
                + SNAPSHOT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"), (insert, s) -> {
            insert.setString(1, s.aggregateIdentifier());
            insert.setLong(2, s.sequenceNumber());
            insert.setString(3, s.type());
            insert.setString(4, s.eventIdentifier());
            insert.setString(5, s.timeStamp());
            insert.setString(6, s.payloadType());
            insert.setString(7, s.payloadRevision());
            insert.setBytes(8, s.payload());
            insert.setBytes(9, s.metaData());
        });
    }

    /**
     * Drops snapshots whose event is not in the log (cut off by a restore) and all but each aggregate's newest;
     * returns how many remain.
     */
    public static long keepNewestSnapshotsOfStoredEvents(Connection connection) throws SQLException {
        return LogStatements.keepNewestSnapshotsOfStoredEvents(connection);
    }


    /** A batched INSERT: rows are sent every {@value #BATCH} and on close. */
    public static final class Inserts<T> implements AutoCloseable {

        private final PreparedStatement insert;
        private final Binder<T> binder;
        private int pending;

        private Inserts(PreparedStatement insert, Binder<T> binder) {
            this.insert = insert;
            this.binder = binder;
        }

        public void add(T row) throws SQLException {
            binder.bind(insert, row);
            insert.addBatch();
            if (++pending == BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    insert.executeBatch();
                }
            } finally {
                insert.close();
            }
        }
    }

    private interface Binder<T> {
        void bind(PreparedStatement insert, T row) throws SQLException;
    }
}
