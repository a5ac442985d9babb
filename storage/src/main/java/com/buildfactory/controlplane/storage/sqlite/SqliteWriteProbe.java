package com.buildfactory.controlplane.storage.sqlite;

import com.buildfactory.controlplane.storage.WriteProbe;
import com.buildfactory.controlplane.storage.jdbc.LogStatements;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;

/** SQLite's write probe: it waits its turn in the write queue, since opening a write takes the one write lock. */
public class SqliteWriteProbe implements WriteProbe {

    private final DataSource logFile;
    private final SqliteWriteQueue writeQueue;

    public SqliteWriteProbe(DataSource logFile, SqliteWriteQueue writeQueue) {
        this.logFile = logFile;
        this.writeQueue = writeQueue;
    }

    @Override
    public void openWrite() throws Exception {
        writeQueue.enter();
        try (Connection connection = logFile.getConnection()) {
            LogStatements.openWriteAndRollBack(connection);
        } finally {
            writeQueue.leave();
        }
    }

    @Override
    public void commit(int bytes) throws Exception {
        writeQueue.enter();
        try (Connection connection = logFile.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO idempotency_record (actor, idem_key, request_hash, status, body,"
                    + " created_at) VALUES ('-health-probe', '-', '-', 0, randomblob(" + bytes + "), '-')");
            statement.execute("DELETE FROM idempotency_record WHERE actor = '-health-probe'");
        } finally {
            writeQueue.leave();
        }
    }

    @Override
    public String diskFull(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
                return "SQLITE_FULL";
            }
            if (WriteProbe.noSpaceLeft(cause)) {
                return "ENOSPC";
            }
        }
        return null;
    }
}
