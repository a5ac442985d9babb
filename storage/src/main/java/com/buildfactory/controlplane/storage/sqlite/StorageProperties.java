package com.buildfactory.controlplane.storage.sqlite;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the event log lives and how durable a commit is.
 *
 * @param dataDir     folder for the database files, the generated admin token hash and the local backups
 * @param database    the event log's SQLite file (events, snapshots, idempotency records), relative to dataDir
 *                    unless absolute
 * @param readModels  the read models' SQLite file (read-model tables and their tracking tokens), beside it
 * @param synchronous FULL (default): an acknowledged command survives power loss. NORMAL is faster but a power
 *                    loss may drop the last commits that were already acknowledged (WAL not yet synced).
 * @param busyTimeout how long a connection waits for SQLite's write lock before failing
 * @param poolSize    connections; SQLite has one writer, more connections only help concurrent readers
 */
@ConfigurationProperties("control-plane.storage")
public record StorageProperties(Path dataDir, String database, String readModels, String synchronous,
                                Duration busyTimeout, int poolSize) {

    public StorageProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        database = database == null ? "control-plane.db" : database;
        readModels = readModels == null ? "read-models.db" : readModels;
        synchronous = synchronous == null ? "FULL" : synchronous.toUpperCase(java.util.Locale.ROOT);
        busyTimeout = busyTimeout == null ? Duration.ofSeconds(10) : busyTimeout;
        poolSize = poolSize <= 0 ? 4 : poolSize;
        if (!synchronous.equals("FULL") && !synchronous.equals("NORMAL")) {
            throw new IllegalArgumentException("control-plane.storage.synchronous must be FULL or NORMAL");
        }
    }

    public Path databaseFile() {
        Path file = Path.of(database);
        return file.isAbsolute() ? file : dataDir.resolve(file);
    }

    public Path readModelsFile() {
        Path file = Path.of(readModels);
        return file.isAbsolute() ? file : dataDir.resolve(file);
    }

    /**
     * The read models' file commits with {@code synchronous=NORMAL}: in WAL mode such a commit skips the fsync and
     * stays atomic, and a batch commits with its token, so after a power cut a read model is at most a few batches
     * behind together with its token, and catches up from the log.
     */
    public String readModelsJdbcUrl() {
        return url(readModelsFile(), "NORMAL");
    }

    /** WAL for concurrent readers; IMMEDIATE because Axon reads before it writes in one transaction. */
    public String jdbcUrl() {
        return url(databaseFile(), synchronous);
    }

    private String url(Path file, String synchronous) {
        return "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=" + synchronous
                + "&busy_timeout=" + busyTimeout.toMillis()
                + "&transaction_mode=IMMEDIATE&foreign_keys=true";
    }
}
