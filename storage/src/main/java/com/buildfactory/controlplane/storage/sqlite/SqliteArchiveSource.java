package com.buildfactory.controlplane.storage.sqlite;

import com.buildfactory.controlplane.storage.LogArchiveSource;
import com.buildfactory.controlplane.storage.jdbc.JdbcConsistentLog;
import com.buildfactory.controlplane.storage.StorageException;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The backup's reads on a SQLite file, on a read-only connection of their own: the consistent read is one deferred
 * read transaction. In WAL mode it sees one committed point of the log and takes no write lock, so commands go on
 * while it streams; the WAL can only be checkpointed past the reader when it ends.
 */
public final class SqliteArchiveSource implements LogArchiveSource {

    private final Path database;

    public SqliteArchiveSource(Path database) {
        this.database = database;
    }

    @Override
    public String describe() {
        return database.toString();
    }

    @Override
    public Optional<String> eventIdentifierAt(long position) {
        try (Connection connection = readOnly().createConnection("jdbc:sqlite:" + database)) {
            return SqliteEventTables.eventIdentifierAt(connection, position);
        } catch (SQLException e) {
            throw new StorageException("cannot read the event store " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T consistentRead(Reading<T> reading) {
        SQLiteConfig config = readOnly();
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database)) {
            connection.setAutoCommit(false);
            try {
                long head = Math.max(0, SqliteEventTables.head(connection));
                return reading.read(new JdbcConsistentLog(connection, head, database.toString()));
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the event store " + database + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig readOnly() {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        return config;
    }
}
