package com.buildfactory.controlplane.storage.sqlite;

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
 * The event log read from a SQLite file. Every read runs on a connection in autocommit mode: one statement is one
 * read snapshot in WAL mode and takes no write lock, where a transaction here would begin IMMEDIATE and queue for
 * SQLite's one write lock behind command groups.
 */
public final class SqliteEventLog implements EventLog {

    private final DataSource dataSource;

    public SqliteEventLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long head() {
        return read(SqliteEventTables::head);
    }

    @Override
    public List<ItemEventRef> itemEvents(String itemId, long afterSequence) {
        return read(connection -> SqliteEventTables.itemEvents(connection, itemId, afterSequence));
    }

    @Override
    public void readAfter(long afterPosition, int limit, Consumer<LogEntry> each) {
        read(connection -> {
            SqliteEventTables.events(connection, afterPosition, Long.MAX_VALUE, limit, each);
            return null;
        });
    }

    @Override
    public void readAllByItem(LongConsumer head, Consumer<LogEntry> each) {
        read(connection -> {
            SqliteEventTables.eventsByItem(connection, head, each);
            return null;
        });
    }

    private <T> T read(Query<T> query) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return query.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event log failed: " + e.getMessage(), e);
        }
    }

    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }
}
