package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.WriteProbe;
import com.buildfactory.controlplane.storage.jdbc.LogStatements;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's write probe. A full disk on the server is SQLSTATE 53100 (disk_full); the row's key is unique per
 * node, so that two nodes probing at once never wait on each other's row.
 */
public class PostgresWriteProbe implements WriteProbe {

    private static final String DISK_FULL = "53100";

    private final DataSource dataSource;
    private final String probeActor = "-health-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    public PostgresWriteProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void openWrite() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            LogStatements.openWriteAndRollBack(connection);
        }
    }

    @Override
    public void commit(int bytes) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO idempotency_record (actor, idem_key, request_hash, status, body,"
                    + " created_at) VALUES ('" + probeActor + "', '-', '-', 0, decode(repeat('00', " + bytes
                    + "), 'hex'), '-')");
            statement.execute("DELETE FROM idempotency_record WHERE actor = '" + probeActor + "'");
        }
    }

    @Override
    public String diskFull(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && DISK_FULL.equals(sql.getSQLState())) {
                return "53100 disk_full";
            }
            if (WriteProbe.noSpaceLeft(cause)) {
                return "ENOSPC";
            }
        }
        return null;
    }
}
