package com.buildfactory.controlplane.storage.sqlite;

import com.buildfactory.controlplane.storage.ReadModels;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read models' own SQLite file: the read-model tables and the tracking processors' tokens, with pools, a
 * transaction manager and a write queue of their own. Batches write through a pool of their own, so that page
 * queries, which hold their connections while many clients read, never keep a batch waiting for a connection. SQLite has one write lock per file, so a read-model batch
 * never waits for a command group on the event log's file and a command group never waits for a batch; a batch and
 * its token still commit together, in one transaction on this file. Everything in it is derived from the log: a
 * missing or deleted file is created empty and the processors rebuild it from the start of the log.
 */
public final class ReadModelStore implements ReadModels, AutoCloseable {

    /** Flyway location of the read models' migrations (the token store here, the read models in projections). */
    public static final String MIGRATIONS = "classpath:db/read-models";

    private final HikariDataSource pool;
    private final HikariDataSource readers;
    private final JdbcTemplate jdbc;
    private final JdbcTemplate queries;
    private final PlatformTransactionManager transactions;
    private final SqliteWriteQueue writeQueue = new SqliteWriteQueue();
    private final TransactionManager batches;

    private ReadModelStore(HikariDataSource pool, HikariDataSource readers) {
        this.pool = pool;
        this.readers = readers;
        this.jdbc = new JdbcTemplate(pool);
        this.queries = new JdbcTemplate(readers);
        this.transactions = new DataSourceTransactionManager(pool);
        this.batches = writeQueue.around(new SpringTransactionManager(transactions));
    }

    /** Opens (creating it if needed) and migrates the read models' file. */
    public static ReadModelStore open(StorageProperties storage) {
        // One batch writes at a time (the write queue); a second connection covers token work beside it.
        HikariDataSource pool = pool("control-plane-sqlite-read-models", storage.readModelsJdbcUrl(), 2);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new ReadModelStore(pool, pool("control-plane-sqlite-read-model-queries",
                storage.readModelsJdbcUrl(), storage.poolSize()));
    }

    private static HikariDataSource pool(String name, String jdbcUrl, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(size);
        config.setExceptionOverrideClassName(SqliteBusyEviction.class.getName());
        return new HikariDataSource(config);
    }

    /** Creates or updates the read-model tables and the token store on any SQLite database. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
    }

    /**
     * Deletes a read models' file with its WAL and shared-memory files, after a restore replaced the log they were
     * built from; the service creates the file again and its processors rebuild every read model from the log.
     */
    public static void discard(Path file) {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the read models at " + file, e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Inside a batch these statements join its transaction on this file. */
    @Override
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** On connections of their own, so that many readers never keep a batch waiting for one. */
    @Override
    public JdbcTemplate queries() {
        return queries;
    }

    /** A turn in this file's write queue, then a transaction on it. */
    @Override
    public TransactionManager transactions() {
        return batches;
    }

    public SqliteWriteQueue writeQueue() {
        return writeQueue;
    }

    /** The token store's connections: the batch's own inside one, else one per unit of work. */
    public ConnectionProvider connections() {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(pool));
    }

    @Override
    public void close() {
        readers.close();
        pool.close();
    }
}
