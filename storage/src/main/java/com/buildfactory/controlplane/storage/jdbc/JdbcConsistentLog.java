package com.buildfactory.controlplane.storage.jdbc;

import com.buildfactory.controlplane.storage.LogArchiveSource;
import com.buildfactory.controlplane.storage.LogEntry;
import com.buildfactory.controlplane.storage.SnapshotEntry;
import com.buildfactory.controlplane.storage.StorageException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/** The log at one point, on a connection inside the engine's consistent read transaction; both engines alike. */
public final class JdbcConsistentLog implements LogArchiveSource.ConsistentLog {

    private final Connection connection;
    private final long head;
    private final String store;

    public JdbcConsistentLog(Connection connection, long head, String store) {
        this.connection = connection;
        this.head = head;
        this.store = store;
    }

    @Override
    public long head() {
        return head;
    }

    @Override
    public void events(long after, long upTo, Consumer<LogEntry> each) {
        try {
            LogStatements.events(connection, after, upTo, Long.MAX_VALUE, each);
        } catch (SQLException e) {
            throw new StorageException("cannot read events from " + store + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void snapshotsAt(long after, long upTo, Consumer<SnapshotEntry> each) {
        try {
            LogStatements.snapshotsAt(connection, after, upTo, each);
        } catch (SQLException e) {
            throw new StorageException("cannot read snapshots from " + store + ": " + e.getMessage(), e);
        }
    }
}
