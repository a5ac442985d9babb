package com.buildfactory.controlplane.storage.sqlite;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the event log lives and how durable a commit is.
 *
 * @param dataDir     folder for the database file, the generated admin token hash and the local backups
 * @param database    the SQLite file, relative to dataDir unless absolute
 * @param synchronous FULL (default): an acknowledged command survives power loss. NORMAL is faster but a power
 *                    loss may drop the last commits that were already acknowledged (WAL not yet synced).
 * @param busyTimeout how long a connection waits for SQLite's write lock before failing
 * @param poolSize    connections; SQLite has one writer, more connections only help concurrent readers
 */
@ConfigurationProperties("control-plane.storage")
public record StorageProperties(Path dataDir, String database, String synchronous, Duration busyTimeout,
                                int poolSize) {

    public StorageProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        database = database == null ? "control-plane.db" : database;
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

    /** WAL for concurrent readers; IMMEDIATE because Axon reads before it writes in one transaction. */
    public String jdbcUrl() {
        return jdbcUrl(synchronous);
    }

    /** The same file with another commit durability, for connections whose commits may skip the fsync. */
    public String jdbcUrl(String synchronous) {
        return "jdbc:sqlite:" + databaseFile().toAbsolutePath()
                + "?journal_mode=WAL&synchronous=" + synchronous
                + "&busy_timeout=" + busyTimeout.toMillis()
                + "&transaction_mode=IMMEDIATE&foreign_keys=true";
    }
}
