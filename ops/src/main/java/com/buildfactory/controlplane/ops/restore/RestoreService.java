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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import com.buildfactory.controlplane.storage.LogEntry;
import com.buildfactory.controlplane.storage.LogRestoreTarget;
import com.buildfactory.controlplane.storage.SnapshotEntry;
import com.buildfactory.controlplane.storage.StorageException;
import com.buildfactory.controlplane.storage.archive.ArchiveStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores the event store from archives. In order: resolve the archive and its chain (full, then incrementals),
 * check the window, open the target ({@link LogRestoreTarget#open}: a SQLite file a running service holds, or one
 * with events unless told to replace it, is refused; so is a PostgreSQL database with events), download every part
 * and match every SHA-256 (nothing is decoded before all match), insert events (positions kept) up to the cut and the
 * snapshots taken at or before it, and finish the target: on SQLite {@code PRAGMA integrity_check} and an atomic move
 * over the target file, on PostgreSQL one commit with the sequence moved past the head. Tokens and read models stay
 * empty: the application rebuilds them by replay. On any failure the target is untouched and the scratch files are
 * removed. An archive from either engine restores into either: the rows are the same.
 */
public final class RestoreService {

    private static final Logger log = LoggerFactory.getLogger(RestoreService.class);

    private final ArchiveCatalog catalog;
    private final ArchiveKey key;
    private final Path workFolder;

    public RestoreService(ArchiveCatalog catalog, ArchiveKey keyOrNull, Path workFolder) {
        this.catalog = catalog;
        this.key = keyOrNull;
        this.workFolder = workFolder;
    }

    /** Into the SQLite file the request names. */
    public RestoreResult restore(RestoreRequest request) {
        if (request.targetDatabase() == null) {
            throw new ArchiveException("no target: give a SQLite file or a database to restore into");
        }
        return restore(request, ArchiveStores.sqliteRestore(request.targetDatabase()));
    }

    /** Into {@code target}, a SQLite file or an empty PostgreSQL database. */
    public RestoreResult restore(RestoreRequest request, LogRestoreTarget target) {
        long started = System.nanoTime();
        ArchiveManifest last = resolve(request.from());
        List<ArchiveManifest> chain = catalog.chain(last);
        long cut = checkWindow(request, chain);
        List<ArchiveManifest> needed = chain.stream().filter(m -> m.firstPosition() <= cut || m == chain.get(0))
                .toList();
        Path scratch = null;
        try (LogRestoreTarget.Load load = open(target, request.replace())) {
            Files.createDirectories(workFolder);
            scratch = Files.createTempDirectory(workFolder, "restore-");
            List<FetchedArchive> fetched = new ArrayList<>();
            for (ArchiveManifest manifest : needed) {
                fetched.add(FetchedArchive.fetch(catalog.target(), manifest, scratch.resolve(manifest.archive()),
                        key));
            }
            Loaded loaded = build(load, fetched, cut, request.toTime());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            List<String> names = needed.stream().map(ArchiveManifest::archive).toList();
            log.info("Restored {} events (last position {}) and {} snapshots from {} into {} in {}",
                    loaded.events(), loaded.lastPosition(), loaded.snapshots(), names, target.describe(), took);
            return new RestoreResult(request.targetDatabase() == null ? null
                    : request.targetDatabase().toAbsolutePath().normalize(), names, loaded.events(),
                    loaded.snapshots(), loaded.lastPosition(), loaded.lastEventTime(), took);
        } catch (IOException e) {
            throw new ArchiveException("restore failed, target untouched: " + e, e);
        } catch (ArchiveException | StorageException e) {
            throw new ArchiveException("restore refused, target " + target.describe() + " untouched: "
                    + e.getMessage(), e);
        } finally {
            Folders.deleteQuietly(scratch);
        }
    }

    private static LogRestoreTarget.Load open(LogRestoreTarget target, boolean replace) {
        try {
            return target.open(replace);
        } catch (StorageException e) {
            throw new ArchiveException(e.getMessage(), e);
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

    private record Loaded(long events, long snapshots, long lastPosition, String lastEventTime) {
    }

    private Loaded build(LogRestoreTarget.Load load, List<FetchedArchive> archives, long cut, Instant toTime) {
        long events = 0;
        long previous = 0;
        String lastTime = null;
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
            try (ReadAhead<EventRow> rows = new ReadAhead<>(archive.events(), "restore-read-" + manifest.archive())) {
                while (rows.hasNext()) {
                    EventRow row = rows.next();
                    if (row.globalIndex() <= previous || row.globalIndex() < manifest.firstPosition()
                            || row.globalIndex() > manifest.lastPosition()) {
                        throw new ArchiveException("archive " + manifest.archive() + " is inconsistent:"
                                + " position " + row.globalIndex() + " follows " + previous);
                    }
                    if (row.globalIndex() > cut || (toTime != null && parseTime(row.timeStamp()).isAfter(toTime))) {
                        cutReached = true;
                        break;
                    }
                    load.event(entry(row));
                    previous = row.globalIndex();
                    lastTime = row.timeStamp();
                    events++;
                }
            }
            previous = Math.max(previous, cutReached ? previous : manifest.lastPosition());
        }
        long keptUpTo = previous;
        loadSnapshots(load, archives, keptUpTo);
        LogRestoreTarget.Loaded loaded = load.finish(events, keptUpTo);
        return new Loaded(events, loaded.snapshots(), keptUpTo, lastTime);
    }

    /** Snapshots whose event survived the cut; of several for one aggregate only the newest is kept (at finish). */
    private static void loadSnapshots(LogRestoreTarget.Load load, List<FetchedArchive> archives, long keptUpTo) {
        for (FetchedArchive archive : archives) {
            if (archive.manifest().firstPosition() > keptUpTo && archive.manifest().eventCount() > 0) {
                continue;
            }
            try (RowReader<SnapshotRow> rows = archive.snapshots()) {
                while (rows.hasNext()) {
                    SnapshotRow row = rows.next();
                    load.snapshot(new SnapshotEntry(row.aggregateIdentifier(), row.sequenceNumber(), row.type(),
                            row.eventIdentifier(), row.timeStamp(), row.payloadType(), row.payloadRevision(),
                            row.payloadBytes(), row.metaDataBytes()));
                }
            }
        }
    }

    private static LogEntry entry(EventRow row) {
        return new LogEntry(row.globalIndex(), row.eventIdentifier(), row.aggregateIdentifier(), row.sequenceNumber(),
                row.type(), row.timeStamp(), row.payloadType(), row.payloadRevision(), row.payloadBytes(),
                row.metaDataBytes());
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
