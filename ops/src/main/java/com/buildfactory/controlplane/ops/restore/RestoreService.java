package com.buildfactory.controlplane.ops.restore;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.archive.ArchiveException;
import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.archive.EventRow;
import com.buildfactory.controlplane.ops.archive.FetchedArchive;
import com.buildfactory.controlplane.ops.archive.RowReader;
import com.buildfactory.controlplane.ops.archive.SnapshotRow;
import com.buildfactory.controlplane.ops.backup.Folders;
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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import com.buildfactory.controlplane.storage.LogEntry;
import com.buildfactory.controlplane.storage.SnapshotEntry;
import com.buildfactory.controlplane.storage.sqlite.DatabaseLock;
import com.buildfactory.controlplane.storage.sqlite.SqliteEventTables;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Restores the event store from archives. In order: resolve the archive and its chain (full, then incrementals),
 * check the window, refuse a non-empty target unless told to replace it, download every part and match every
 * SHA-256 (nothing is decoded before all match), build a fresh database next to the target with Flyway, insert
 * events (positions kept) up to the cut and the snapshots taken at or before it, run {@code PRAGMA
 * integrity_check}, and only then move the file over the target atomically and drop the target's stale
 * {@code -wal}/{@code -shm}. Tokens and read models stay empty: the application rebuilds them by replay. On any
 * failure the target is untouched and the scratch files are removed. A database whose {@link DatabaseLock} a running
 * service holds is refused before anything is read or written.
 */
public final class RestoreService {

    private static final Logger log = LoggerFactory.getLogger(RestoreService.class);
    private static final String MIGRATIONS = "classpath:db/migration/sqlite";
    /**
     * SQLite's page cache while inserting, in KiB as a negative cache_size (native memory, not heap): the unique
     * indexes on random event identifiers are written all over, and 2 MB (the default) sends most of those writes
     * through the OS on every batch. Restore of 300,000 events, process CPU: 8.4-9.8 s with 2 MB, 7.2 s with
     * 64 MiB (wall times on the shared machine were too noisy to tell). It costs up to 64 MB of RSS while it runs.
     */
    private static final int CACHE_KIB = -65_536;

    private final ArchiveCatalog catalog;
    private final ArchiveKey key;
    private final Path workFolder;

    public RestoreService(ArchiveCatalog catalog, ArchiveKey keyOrNull, Path workFolder) {
        this.catalog = catalog;
        this.key = keyOrNull;
        this.workFolder = workFolder;
    }

    public RestoreResult restore(RestoreRequest request) {
        long started = System.nanoTime();
        ArchiveManifest last = resolve(request.from());
        List<ArchiveManifest> chain = catalog.chain(last);
        long cut = checkWindow(request, chain);
        Path target = request.targetDatabase().toAbsolutePath().normalize();
        DatabaseLock lock = DatabaseLock.tryAcquire(target, "restore").orElseThrow(() -> new ArchiveException(
                "the database " + target + " is in use by a running service (" + DatabaseLock.holder(target)
                        + " holds " + DatabaseLock.lockFile(target) + "); stop it first (systemctl stop"
                        + " control-plane@<env>), then restore. Nothing was changed"));
        try {
            return restoreLocked(request, started, last, chain, cut, target);
        } finally {
            lock.closeAndTidy();
        }
    }

    /** Runs while this restore holds the database's lock, so the service cannot start on a half-replaced file. */
    private RestoreResult restoreLocked(RestoreRequest request, long started, ArchiveManifest last,
                                        List<ArchiveManifest> chain, long cut, Path target) {
        refuseNonEmptyTarget(target, request.replace());

        List<ArchiveManifest> needed = chain.stream().filter(m -> m.firstPosition() <= cut || m == chain.get(0))
                .toList();
        Path scratch = null;
        Path fresh = target.resolveSibling(target.getFileName() + ".restoring-" + UUID.randomUUID());
        try {
            Files.createDirectories(workFolder);
            Files.createDirectories(target.getParent());
            scratch = Files.createTempDirectory(workFolder, "restore-");
            List<FetchedArchive> fetched = new ArrayList<>();
            for (ArchiveManifest manifest : needed) {
                fetched.add(FetchedArchive.fetch(catalog.target(), manifest, scratch.resolve(manifest.archive()),
                        key));
            }
            Loaded loaded = build(fresh, fetched, cut, request.toTime());
            moveIntoPlace(fresh, target);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            List<String> names = needed.stream().map(ArchiveManifest::archive).toList();
            log.info("Restored {} events (last position {}) and {} snapshots from {} into {} in {}",
                    loaded.events(), loaded.lastPosition(), loaded.snapshots(), names, target, took);
            return new RestoreResult(target, names, loaded.events(), loaded.snapshots(), loaded.lastPosition(),
                    loaded.lastEventTime(), took);
        } catch (IOException e) {
            throw new ArchiveException("restore failed, target untouched: " + e, e);
        } catch (ArchiveException e) {
            throw new ArchiveException("restore refused, target " + target + " untouched: " + e.getMessage(), e);
        } finally {
            deleteDatabaseFiles(fresh);
            Folders.deleteQuietly(scratch);
        }
    }

    private ArchiveManifest resolve(String from) {
        if (RestoreRequest.LATEST.equals(from)) {
            return catalog.latest().orElseThrow(() ->
                    new ArchiveException("no archive to restore: " + catalog.target().describe() + " holds none"));
        }
        return catalog.manifest(from);
    }

    /** The last position to keep; fails when the requested point lies outside what the chain holds. */
    private long checkWindow(RestoreRequest request, List<ArchiveManifest> chain) {
        ArchiveManifest first = chain.get(0);
        ArchiveManifest last = chain.get(chain.size() - 1);
        if (request.toPosition() != null) {
            long position = request.toPosition();
            if (position < 0 || position > last.lastPosition()) {
                throw new ArchiveException("position " + position + " is outside archive " + last.archive()
                        + ", which holds positions " + first.firstPosition() + ".." + last.lastPosition());
            }
            return position;
        }
        if (request.toTime() != null) {
            Instant time = request.toTime();
            if (time.isAfter(last.createdAt())) {
                throw new ArchiveException("--to-time " + time + " is after archive " + last.archive()
                        + " was taken (" + last.createdAt() + "): the log after that moment is not in it."
                        + " Choose a time up to " + last.createdAt() + " or a later archive");
            }
            String firstEvent = chain.stream().map(ArchiveManifest::firstEventTime)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (firstEvent != null && time.isBefore(parseTime(firstEvent))) {
                throw new ArchiveException("--to-time " + time + " is before the first archived event ("
                        + firstEvent + "): the window of " + last.archive() + " is " + firstEvent + " .. "
                        + last.createdAt());
            }
        }
        return last.lastPosition();
    }

    private void refuseNonEmptyTarget(Path target, boolean replace) {
        if (replace || !Files.exists(target)) {
            return;
        }
        try {
            if (Files.size(target) == 0) {
                return;
            }
        } catch (IOException e) {
            throw new ArchiveException("cannot inspect target " + target + ": " + e, e);
        }
        long events;
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + target)) {
            events = SqliteEventTables.eventCount(connection);
        } catch (SQLException e) {
            throw new ArchiveException("target " + target + " exists and is not an empty event store ("
                    + e.getMessage() + "); pass --replace to overwrite it");
        }
        if (events > 0) {
            throw new ArchiveException("target " + target + " is not empty (" + events
                    + " events); pass --replace to overwrite it");
        }
    }

    private record Loaded(long events, long snapshots, long lastPosition, String lastEventTime) {
    }

    private Loaded build(Path fresh, List<FetchedArchive> archives, long cut, Instant toTime) {
        String url = "jdbc:sqlite:" + fresh;
        Flyway.configure().dataSource(url, null, null).locations(MIGRATIONS).load().migrate();
        long events = 0;
        long previous = 0;
        String lastTime = null;
        try (Connection connection = DriverManager.getConnection(url + "?journal_mode=MEMORY&synchronous=OFF"
                + "&cache_size=" + CACHE_KIB)) {
            connection.setAutoCommit(false);
            try (SqliteEventTables.Inserts<LogEntry> insert = SqliteEventTables.insertEvents(connection)) {
                boolean cutReached = false;
                for (FetchedArchive archive : archives) {
                    ArchiveManifest manifest = archive.manifest();
                    if (cutReached) {
                        break;
                    }
                    if (manifest.firstPosition() != previous + 1 && previous != 0) {
                        throw new ArchiveException("archive " + manifest.archive() + " starts at position "
                                + manifest.firstPosition() + " but the log so far ends at " + previous);
                    }
                    try (ReadAhead<EventRow> rows = new ReadAhead<>(archive.events(),
                            "restore-read-" + manifest.archive())) {
                        while (rows.hasNext()) {
                            EventRow row = rows.next();
                            if (row.globalIndex() <= previous || row.globalIndex() < manifest.firstPosition()
                                    || row.globalIndex() > manifest.lastPosition()) {
                                throw new ArchiveException("archive " + manifest.archive() + " is inconsistent:"
                                        + " position " + row.globalIndex() + " follows " + previous);
                            }
                            if (row.globalIndex() > cut
                                    || (toTime != null && parseTime(row.timeStamp()).isAfter(toTime))) {
                                cutReached = true;
                                break;
                            }
                            insert.add(entry(row));
                            previous = row.globalIndex();
                            lastTime = row.timeStamp();
                            events++;
                        }
                    }
                    previous = Math.max(previous, cutReached ? previous : manifest.lastPosition());
                }
            }
            long keptUpTo = previous;
            long snapshots = loadSnapshots(connection, archives, keptUpTo);
            connection.commit();
            checkIntegrity(connection, events, keptUpTo);
            return new Loaded(events, snapshots, keptUpTo, lastTime);
        } catch (SQLException e) {
            throw new ArchiveException("cannot write the restored database " + fresh + ": " + e.getMessage(), e);
        }
    }

    /** Snapshots whose event survived the cut; of several for one aggregate only the newest is kept. */
    private long loadSnapshots(Connection connection, List<FetchedArchive> archives, long keptUpTo)
            throws SQLException {
        try (SqliteEventTables.Inserts<SnapshotEntry> insert = SqliteEventTables.insertSnapshots(connection)) {
            for (FetchedArchive archive : archives) {
                if (archive.manifest().firstPosition() > keptUpTo && archive.manifest().eventCount() > 0) {
                    continue;
                }
                try (RowReader<SnapshotRow> rows = archive.snapshots()) {
                    while (rows.hasNext()) {
                        SnapshotRow row = rows.next();
                        insert.add(new SnapshotEntry(row.aggregateIdentifier(), row.sequenceNumber(), row.type(),
                                row.eventIdentifier(), row.timeStamp(), row.payloadType(), row.payloadRevision(),
                                row.payloadBytes(), row.metaDataBytes()));
                    }
                }
            }
        }
        return SqliteEventTables.keepNewestSnapshotsOfStoredEvents(connection);
    }

    private static LogEntry entry(EventRow row) {
        return new LogEntry(row.globalIndex(), row.eventIdentifier(), row.aggregateIdentifier(), row.sequenceNumber(),
                row.type(), row.timeStamp(), row.payloadType(), row.payloadRevision(), row.payloadBytes(),
                row.metaDataBytes());
    }

    private static void checkIntegrity(Connection connection, long events, long lastPosition) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                rows.next();
                String result = rows.getString(1);
                if (!"ok".equals(result)) {
                    throw new ArchiveException("the restored database fails PRAGMA integrity_check: " + result);
                }
            }
            long stored = SqliteEventTables.eventCount(connection);
            long head = Math.max(0, SqliteEventTables.head(connection));
            if (stored != events || (events > 0 && head != lastPosition)) {
                throw new ArchiveException("the restored database holds " + stored + " events up to " + head
                        + ", expected " + events + " up to " + lastPosition);
            }
        }
        connection.commit();
    }

    private void moveIntoPlace(Path fresh, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(fresh, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new ArchiveException("cannot move the restored database over " + target + " atomically: " + e);
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

    private static void deleteDatabaseFiles(Path database) {
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
            } catch (IOException e) {
                log.warn("Could not remove scratch file {}: {}", database, e.toString());
            }
        }
    }

    static Instant parseTime(String timeStamp) {
        try {
            return Instant.parse(timeStamp);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(timeStamp).toInstant();
            } catch (DateTimeParseException again) {
                throw new ArchiveException("event time '" + timeStamp + "' is not ISO-8601");
            }
        }
    }
}
