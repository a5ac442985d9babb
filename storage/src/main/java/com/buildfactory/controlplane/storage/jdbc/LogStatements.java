package com.buildfactory.controlplane.storage.jdbc;

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
 * The reads of the event log that both engines answer with the same SQL, on a connection the caller holds. What
 * differs between engines (transactions, locks, sequences, batch inserts) stays in each engine's own class.
 */
public final class LogStatements {

    /** Every column of an event row, in the order both engines read and write it. */
    public static final String EVENT_COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber,"
            + " type, timeStamp, payloadType, payloadRevision, payload, metaData";
    private static final int BATCH = 1_000;

    private LogStatements() {
    }

    /** The position of the last stored event; -1 while the log is empty. */
    public static long head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(globalIndex), -1) FROM DomainEventEntry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Where each of an item's events after {@code afterSequence} sits, in sequence order. */
    public static List<ItemEventRef> itemEvents(Connection connection, String itemId, long afterSequence)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT globalIndex, sequenceNumber, timeStamp"
                + " FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber > ? ORDER BY sequenceNumber")) {
            statement.setString(1, itemId);
            statement.setLong(2, afterSequence);
            List<ItemEventRef> refs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    refs.add(new ItemEventRef(rows.getLong(1), rows.getLong(2), rows.getString(3)));
                }
            }
            return refs;
        }
    }

    /** Events with {@code after < position <= upTo}, in log order, at most {@code limit}. */
    public static void events(Connection connection, long after, long upTo, long limit, Consumer<LogEntry> each)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + EVENT_COLUMNS
                + " FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ? ORDER BY globalIndex LIMIT ?")) {
            statement.setLong(1, after);
            statement.setLong(2, upTo);
            statement.setLong(3, limit);
            statement.setFetchSize(BATCH);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    each.accept(entry(rows, 1));
                }
            }
        }
    }

    /**
     * Every event, each stream's together in sequence order, in the one read snapshot of this statement, which also
     * reads the head ({@code head} hears it before the first event, not at all on an empty log).
     */
    public static void eventsByItem(Connection connection, LongConsumer head, Consumer<LogEntry> each)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT (SELECT max(globalIndex) FROM"
                + " DomainEventEntry), " + EVENT_COLUMNS + " FROM DomainEventEntry"
                + " ORDER BY aggregateIdentifier, sequenceNumber")) {
            statement.setFetchSize(BATCH);
            try (ResultSet rows = statement.executeQuery()) {
                boolean first = true;
                while (rows.next()) {
                    if (first) {
                        head.accept(rows.getLong(1));
                        first = false;
                    }
                    each.accept(entry(rows, 2));
                }
            }
        }
    }

    /** The identifier of the event stored at {@code position}, if any. */
    public static Optional<String> eventIdentifierAt(Connection connection, long position) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT eventIdentifier FROM DomainEventEntry WHERE globalIndex = ?")) {
            statement.setLong(1, position);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    public static long eventCount(Connection connection) throws SQLException {
        return count(connection, "DomainEventEntry");
    }

    public static long snapshotCount(Connection connection) throws SQLException {
        return count(connection, "SnapshotEventEntry");
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The snapshots taken at events with {@code after < position <= upTo}, in log order. */
    public static void snapshotsAt(Connection connection, long after, long upTo, Consumer<SnapshotEntry> each)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT s.aggregateIdentifier,"
                + " s.sequenceNumber, s.type, s.eventIdentifier, s.timeStamp, s.payloadType, s.payloadRevision,"
                + " s.payload, s.metaData FROM SnapshotEventEntry s JOIN DomainEventEntry e"
                + " ON e.aggregateIdentifier = s.aggregateIdentifier AND e.sequenceNumber = s.sequenceNumber"
                + " WHERE e.globalIndex > ? AND e.globalIndex <= ? ORDER BY e.globalIndex")) {
            statement.setLong(1, after);
            statement.setLong(2, upTo);
            statement.setFetchSize(BATCH);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    each.accept(new SnapshotEntry(rows.getString(1), rows.getLong(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getBytes(8), rows.getBytes(9)));
                }
            }
        }
    }

    /**
     * Drops snapshots whose event is not in the log (cut off by a restore) and all but each aggregate's newest;
     * returns how many remain.
     */
    public static long keepNewestSnapshotsOfStoredEvents(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM SnapshotEventEntry WHERE NOT EXISTS (SELECT 1 FROM DomainEventEntry e"
                    + " WHERE e.aggregateIdentifier = SnapshotEventEntry.aggregateIdentifier"
                    + " AND e.sequenceNumber = SnapshotEventEntry.sequenceNumber)");
            statement.executeUpdate("DELETE FROM SnapshotEventEntry WHERE EXISTS (SELECT 1 FROM SnapshotEventEntry n"
                    + " WHERE n.aggregateIdentifier = SnapshotEventEntry.aggregateIdentifier"
                    + " AND n.sequenceNumber > SnapshotEventEntry.sequenceNumber)");
        }
        return snapshotCount(connection);
    }

    private static LogEntry entry(ResultSet rows, int first) throws SQLException {
        return new LogEntry(rows.getLong(first), rows.getString(first + 1), rows.getString(first + 2),
                rows.getLong(first + 3), rows.getString(first + 4), rows.getString(first + 5),
                rows.getString(first + 6), rows.getString(first + 7), rows.getBytes(first + 8),
                rows.getBytes(first + 9));
    }

    /**
     * Opens a write transaction on the log's store and rolls it back: an insert of no row into the idempotency
     * records, which both engines accept. Health's cheap writability probe.
     */
    public static void openWriteAndRollBack(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO idempotency_record (actor, idem_key, request_hash, status, created_at)"
                    + " SELECT '-', '-', '-', 0, '-' WHERE 1 = 0");
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
