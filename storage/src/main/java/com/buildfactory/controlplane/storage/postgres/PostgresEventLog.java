package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.ItemEventRef;
import com.buildfactory.controlplane.storage.LogEntry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The event log read from PostgreSQL. Each read is one statement in a read-only transaction: the transaction lets
 * the driver stream rows in batches (in autocommit it would load the whole result), and a statement sees one
 * snapshot. Reads take no locks.
 */
public final class PostgresEventLog implements EventLog {

    private final DataSource dataSource;

    public PostgresEventLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long head() {
        return read(PostgresEventTables::head);
    }

    @Override
    public List<ItemEventRef> itemEvents(String itemId, long afterSequence) {
        return read(connection -> PostgresEventTables.itemEvents(connection, itemId, afterSequence));
    }

    @Override
    public void readAfter(long afterPosition, int limit, Consumer<LogEntry> each) {
        read(connection -> {
            PostgresEventTables.events(connection, afterPosition, limit, each);
            return null;
        });
    }

    @Override
    public void readAllByItem(LongConsumer head, Consumer<LogEntry> each) {
        read(connection -> {
            PostgresEventTables.eventsByItem(connection, head, each);
            return null;
        });
    }

    private <T> T read(Query<T> query) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                return query.run(connection);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event log failed: " + e.getMessage(), e);
        }
    }

    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }
}
