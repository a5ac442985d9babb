package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.jdbc.LogStatements;
import com.buildfactory.controlplane.storage.ItemEventRef;
import com.buildfactory.controlplane.storage.LogEntry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Every SQL statement of ours against the event table on PostgreSQL, on a connection the caller opened. Axon's
 * storage engine and token store write the same tables with their own statements.
 */
public final class PostgresEventTables {

    private static final int BATCH = 1_000;

    private PostgresEventTables() {
    }

    public static long head(Connection connection) throws SQLException {
        return LogStatements.head(connection);
    }

    public static List<ItemEventRef> itemEvents(Connection connection, String itemId, long afterSequence)
            throws SQLException {
        return LogStatements.itemEvents(connection, itemId, afterSequence);
    }

    /** Events after {@code after}, in log order, at most {@code limit}; streamed in batches (needs a transaction). */
    public static void events(Connection connection, long after, long limit, Consumer<LogEntry> each)
            throws SQLException {
        LogStatements.events(connection, after, Long.MAX_VALUE, limit, each);
    }

    /** Every event, each stream's together in sequence order, in this statement's one snapshot (needs a transaction). */
    public static void eventsByItem(Connection connection, LongConsumer head, Consumer<LogEntry> each)
            throws SQLException {
        LogStatements.eventsByItem(connection, head, each);
    }

    /** Appends events at their own positions, batched; returns how many. The caller moves the sequence after. */
    public static long insertEvents(Connection connection, Iterable<LogEntry> events) throws SQLException {
        long count = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO DomainEventEntry (" + LogStatements.EVENT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LogEntry e : events) {
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
                insert.addBatch();
                if (++count % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return count;
    }

    /**
     * Moves the global index's sequence past the highest stored position: events inserted at their own positions
     * do not advance it, and the next append would otherwise collide with a moved event.
     */
    public static void moveSequencePastHead(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT setval(pg_get_serial_sequence('domainevententry', 'globalindex'),"
                    + " greatest((SELECT max(globalIndex) FROM DomainEventEntry), 0) + 1, false)");
        }
    }

}
