package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.LogArchiveSource;
import com.buildfactory.controlplane.storage.StorageException;
import com.buildfactory.controlplane.storage.jdbc.JdbcConsistentLog;
import com.buildfactory.controlplane.storage.jdbc.LogStatements;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The backup's reads on PostgreSQL. The consistent read is a REPEATABLE READ, READ ONLY transaction: every statement
 * in it sees the snapshot its first statement took, while the nodes go on appending. That snapshot is taken while
 * this connection holds the appends' advisory lock ({@link AppendsInCommitOrder#APPEND_LOCK}, as a session lock for
 * the first statement only): no append is then between drawing its positions and committing, so every event committed
 * after the snapshot lies above its head, and the next archive, which starts after that head, cannot skip one that
 * commits late at a lower position. Appends wait for that one statement (milliseconds), not for the export.
 */
public final class PostgresArchiveSource implements LogArchiveSource {

    private final DataSource dataSource;
    private final String description;

    public PostgresArchiveSource(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Optional<String> eventIdentifierAt(long position) {
        try (Connection connection = dataSource.getConnection()) {
            return LogStatements.eventIdentifierAt(connection, position);
        } catch (SQLException e) {
            throw new StorageException("cannot read the event store " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T consistentRead(Reading<T> reading) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            long head;
            try (Statement lock = connection.createStatement()) {
                lock.execute("SELECT pg_advisory_lock(" + AppendsInCommitOrder.APPEND_LOCK + ")");
                try {
                    connection.setAutoCommit(false);
                    head = Math.max(0, LogStatements.head(connection));
                } finally {
                    lock.execute("SELECT pg_advisory_unlock(" + AppendsInCommitOrder.APPEND_LOCK + ")");
                }
            }
            try {
                return reading.read(new JdbcConsistentLog(connection, head, description));
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the event store " + description + ": " + e.getMessage(), e);
        }
    }
}
