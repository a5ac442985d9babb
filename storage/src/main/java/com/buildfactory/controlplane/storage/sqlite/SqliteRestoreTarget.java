package com.buildfactory.controlplane.storage.sqlite;

import com.buildfactory.controlplane.storage.LogEntry;
import com.buildfactory.controlplane.storage.LogRestoreTarget;
import com.buildfactory.controlplane.storage.SnapshotEntry;
import com.buildfactory.controlplane.storage.StorageException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A restore into a SQLite file: the file's {@link DatabaseLock} is taken first (a running service's file is refused
 * before anything is read or written), a non-empty file is refused unless replacing, and the rows go into a fresh
 * file next to the target ({@code <db>.restoring-<uuid>}) created by the Flyway migrations of this version. Finishing
 * runs {@code PRAGMA integrity_check}, checks count and head, syncs the file and moves it over the target with an
 * atomic rename (the target's stale {@code -wal}, {@code -shm} and {@code -journal} removed, the folder synced).
 */
public final class SqliteRestoreTarget implements LogRestoreTarget {

    private static final Logger log = LoggerFactory.getLogger(SqliteRestoreTarget.class);
    private static final String MIGRATIONS = "classpath:db/migration/sqlite";
    /**
     * SQLite's page cache while inserting, in KiB as a negative cache_size (native memory, not heap): the unique
     * indexes on random event identifiers are written all over, and 2 MB (the default) sends most of those writes
     * through the OS on every batch. Restore of 300,000 events, process CPU: 8.4-9.8 s with 2 MB, 7.2 s with
     * 64 MiB (wall times on the shared machine were too noisy to tell). It costs up to 64 MB of RSS while it runs.
     */
    private static final int CACHE_KIB = -65_536;

    private final Path target;

    public SqliteRestoreTarget(Path target) {
        this.target = target.toAbsolutePath().normalize();
    }

    public Path file() {
        return target;
    }

    @Override
    public String describe() {
        return target.toString();
    }

    @Override
    public Load open(boolean replace) {
        DatabaseLock lock = DatabaseLock.tryAcquire(target, "restore").orElseThrow(() -> new StorageException(
                "the database " + target + " is in use by a running service (" + DatabaseLock.holder(target)
                        + " holds " + DatabaseLock.lockFile(target) + "); stop it first (systemctl stop"
                        + " control-plane@<env>), then restore. Nothing was changed"));
        Path fresh = target.resolveSibling(target.getFileName() + ".restoring-" + UUID.randomUUID());
        try {
            refuseNonEmpty(replace);
            Files.createDirectories(target.getParent());
            String url = "jdbc:sqlite:" + fresh;
            Flyway.configure().dataSource(url, null, null).locations(MIGRATIONS).load().migrate();
            Connection connection = DriverManager.getConnection(url + "?journal_mode=MEMORY&synchronous=OFF"
                    + "&cache_size=" + CACHE_KIB);
            connection.setAutoCommit(false);
            return new FileLoad(lock, fresh, connection);
        } catch (IOException | SQLException | RuntimeException e) {
            deleteDatabaseFiles(fresh);
            lock.closeAndTidy();
            if (e instanceof StorageException refused) {
                throw refused;
            }
            throw new StorageException("cannot create the restored database " + fresh + ": " + e.getMessage(), e);
        }
    }

    private void refuseNonEmpty(boolean replace) throws IOException {
        if (replace || !Files.exists(target) || Files.size(target) == 0) {
            return;
        }
        long events;
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + target)) {
            events = SqliteEventTables.eventCount(connection);
        } catch (SQLException e) {
            throw new StorageException("target " + target + " exists and is not an empty event store ("
                    + e.getMessage() + "); pass --replace to overwrite it");
        }
        if (events > 0) {
            throw new StorageException("target " + target + " is not empty (" + events
                    + " events); pass --replace to overwrite it");
        }
    }

    /**
     * What a check of a restored file finds wrong, if anything: {@code PRAGMA integrity_check}, and any row in a
     * table beside the log (tokens, read models, idempotency records must start empty).
     */
    public static Optional<String> problemsOfRestoredFile(Path database) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                rows.next();
                if (!"ok".equals(rows.getString(1))) {
                    return Optional.of("restored database fails integrity_check: " + rows.getString(1));
                }
            }
            for (String table : SqliteEventTables.tablesBesideTheLog(connection)) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    rows.next();
                    if (rows.getLong(1) != 0) {
                        return Optional.of("restored database has " + rows.getLong(1) + " rows in " + table
                                + ": tokens and read models must start empty");
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("cannot read the restored database " + database + ": " + e.getMessage());
        }
    }

    private final class FileLoad implements Load {

        private final DatabaseLock lock;
        private final Path fresh;
        private final Connection connection;
        private final SqliteEventTables.Inserts<LogEntry> events;
        private SqliteEventTables.Inserts<SnapshotEntry> snapshots;
        private boolean eventsFlushed;

        FileLoad(DatabaseLock lock, Path fresh, Connection connection) throws SQLException {
            this.lock = lock;
            this.fresh = fresh;
            this.connection = connection;
            this.events = SqliteEventTables.insertEvents(connection);
        }

        @Override
        public void event(LogEntry event) {
            try {
                events.add(event);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public void snapshot(SnapshotEntry snapshot) {
            try {
                if (snapshots == null) {
                    flushEvents();
                    snapshots = SqliteEventTables.insertSnapshots(connection);
                }
                snapshots.add(snapshot);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public Loaded finish(long expectedEvents, long lastPosition) {
            try {
                flushEvents();
                if (snapshots != null) {
                    snapshots.close();
                }
                long kept = SqliteEventTables.keepNewestSnapshotsOfStoredEvents(connection);
                connection.commit();
                checkIntegrity(expectedEvents, lastPosition);
                connection.close();
                moveIntoPlace();
                return new Loaded(expectedEvents, kept, lastPosition);
            } catch (SQLException e) {
                throw failed(e);
            } catch (IOException e) {
                throw new StorageException("cannot move the restored database over " + target + ": " + e, e);
            }
        }

        private void flushEvents() throws SQLException {
            if (!eventsFlushed) {
                eventsFlushed = true;
                events.close();
            }
        }

        private void checkIntegrity(long expectedEvents, long lastPosition) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                rows.next();
                String result = rows.getString(1);
                if (!"ok".equals(result)) {
                    throw new StorageException("the restored database fails PRAGMA integrity_check: " + result);
                }
            }
            long stored = SqliteEventTables.eventCount(connection);
            long head = Math.max(0, SqliteEventTables.head(connection));
            if (stored != expectedEvents || (expectedEvents > 0 && head != lastPosition)) {
                throw new StorageException("the restored database holds " + stored + " events up to " + head
                        + ", expected " + expectedEvents + " up to " + lastPosition);
            }
            connection.commit();
        }

        private void moveIntoPlace() throws IOException {
            try (FileChannel channel = FileChannel.open(fresh, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StorageException("cannot move the restored database over " + target + " atomically: " + e);
            }
            for (String suffix : List.of("-wal", "-shm", "-journal")) {
                Files.deleteIfExists(target.resolveSibling(target.getFileName() + suffix));
            }
            try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                folder.force(true);
            } catch (IOException ignored) {
                // not every platform can sync a directory
            }
        }

        private StorageException failed(SQLException e) {
            return new StorageException("cannot write the restored database " + fresh + ": " + e.getMessage(), e);
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("Could not close the restored database {}: {}", fresh, e.toString());
            }
            deleteDatabaseFiles(fresh);
            lock.closeAndTidy();
        }
    }

    private static void deleteDatabaseFiles(Path database) {
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
            } catch (IOException e) {
                log.warn("Could not remove scratch file {}: {}", database, e.toString());
            }
        }
    }
}
