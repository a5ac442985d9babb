package com.buildfactory.controlplane.storage.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.AbstractDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The service's one DataSource over two pools on the same SQLite file. Connections taken while a tracking
 * processor opens its batch's transaction come from a pool whose connections commit with
 * {@code synchronous=NORMAL}: in WAL mode such a commit skips the fsync, stays atomic, and becomes durable with the
 * next fsync of the file (the next command's commit, or a checkpoint). A power loss may roll a read model back a
 * few batches, together with its token, so its processor applies those events again; the log itself is never
 * written through these connections. Everything else (command groups, the log, idempotency, backups, Flyway)
 * gets the configured durability. Measured before: each of the four processors' batch commits held SQLite's one
 * write lock through an fsync, about as many fsyncs as the commands' own.
 */
public final class ReadModelConnections extends AbstractDataSource implements AutoCloseable {

    private static final ThreadLocal<Boolean> OPENING_READ_MODEL_BATCH = new ThreadLocal<>();

    private final HikariDataSource durable;
    private final HikariDataSource readModels;
    private final AtomicLong readModelConnectionsTaken = new AtomicLong();

    public ReadModelConnections(HikariDataSource durable, HikariDataSource readModels) {
        this.durable = durable;
        this.readModels = readModels;
    }

    /** Runs {@code opening} (which takes its transaction's connection) with a read-model connection. */
    public static <T> T forReadModelBatch(Supplier<T> opening) {
        OPENING_READ_MODEL_BATCH.set(Boolean.TRUE);
        try {
            return opening.get();
        } finally {
            OPENING_READ_MODEL_BATCH.remove();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool().getConnection(username, password);
    }

    private HikariDataSource pool() {
        if (OPENING_READ_MODEL_BATCH.get() == null) {
            return durable;
        }
        readModelConnectionsTaken.incrementAndGet();
        return readModels;
    }

    /** How many read-model batches took a connection so far: shows that the processors use this pool. */
    public long readModelConnectionsTaken() {
        return readModelConnectionsTaken.get();
    }

    public HikariDataSource durablePool() {
        return durable;
    }

    public HikariDataSource readModelPool() {
        return readModels;
    }

    @Override
    public void close() {
        readModels.close();
        durable.close();
    }
}
