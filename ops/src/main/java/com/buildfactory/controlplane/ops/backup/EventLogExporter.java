package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveException;
import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.archive.EventRow;
import com.buildfactory.controlplane.ops.archive.PartWriter;
import com.buildfactory.controlplane.ops.archive.SnapshotRow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import com.buildfactory.controlplane.storage.LogEntry;
import com.buildfactory.controlplane.storage.LogArchiveSource;
import com.buildfactory.controlplane.storage.StorageException;
import com.buildfactory.controlplane.storage.archive.ArchiveStores;

/**
 * Reads the event log and the snapshots into archive parts, all inside one consistent read of the store
 * ({@link LogArchiveSource#consistentRead}): on SQLite a deferred read transaction in WAL mode, on PostgreSQL a
 * REPEATABLE READ one; neither takes a write lock, so commands go on while it streams. Rows stream straight to gzip
 * instead of waiting on the upload, so the read ends as early as it can (SQLite's WAL cannot be checkpointed past it).
 * The reading thread only encodes rows; {@value #COMPRESSORS} threads of a pool that lives as long as the export
 * compress the chunks (see {@link PartWriter}), with at most {@value #MAX_PENDING} chunks in flight.
 */
public final class EventLogExporter {

    static final int COMPRESSORS = 2;
    static final int MAX_PENDING = 2 * COMPRESSORS;

    private final LogArchiveSource source;

    /** The log in a SQLite file. */
    public EventLogExporter(Path database) {
        this(ArchiveStores.sqliteFile(database));
    }

    public EventLogExporter(LogArchiveSource source) {
        this.source = source;
    }

    /** The identifier of the event stored at a position, if any: tells whether an archive's log is still ours. */
    public java.util.Optional<String> eventIdentifierAt(long position) {
        try {
            return source.eventIdentifierAt(position);
        } catch (StorageException e) {
            throw new ArchiveException(e.getMessage(), e);
        }
    }

    /**
     * Exports events after {@code afterPosition} (0 for everything) up to the head at the moment the read begins,
     * and the snapshots taken at those events, into {@code folder}.
     */
    public ExportResult export(long afterPosition, Path folder, ArchiveKey keyOrNull) {
        ExecutorService compressors = Executors.newFixedThreadPool(COMPRESSORS, compressorThreads());
        try {
            return source.consistentRead(log -> exportIn(log, afterPosition, folder, keyOrNull, compressors));
        } catch (StorageException e) {
            throw new ArchiveException(e.getMessage(), e);
        } finally {
            compressors.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory compressorThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "archive-gzip-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private ExportResult exportIn(LogArchiveSource.ConsistentLog log, long after, Path folder, ArchiveKey key,
                                  ExecutorService compressors) {
        long head = log.head();
        long last = Math.max(head, after);
        long first = after + 1;
        Span span = new Span(after);
        try (PartWriter events = new PartWriter(ArchiveLayout.EVENTS, folder.resolve(ArchiveLayout.EVENTS), key,
                compressors, MAX_PENDING);
             PartWriter snapshots = new PartWriter(ArchiveLayout.SNAPSHOTS, folder.resolve(ArchiveLayout.SNAPSHOTS),
                     key, compressors, MAX_PENDING)) {
            log.events(after, last, e -> {
                events.write(EventRow.stored(e.position(), e.eventIdentifier(), e.aggregateIdentifier(),
                        e.sequenceNumber(), e.type(), e.timeStamp(), e.payloadType(), e.payloadRevision(),
                        e.payload(), e.metaData()));
                span.saw(e);
            });
            log.snapshotsAt(after, last, s -> snapshots.write(SnapshotRow.stored(
                    s.aggregateIdentifier(), s.sequenceNumber(), s.type(), s.eventIdentifier(), s.timeStamp(),
                    s.payloadType(), s.payloadRevision(), s.payload(), s.metaData())));
            if (span.lastSeen != head && head > after) {
                throw new ArchiveException("the export read up to position " + span.lastSeen + " but the head was "
                        + head);
            }
            return new ExportResult(first, last, events.records(), snapshots.records(), span.firstTime,
                    span.lastTime, span.lastIdentifier, List.of(events.part(), snapshots.part()));
        }
    }

    /** The first and last event an export wrote. */
    private static final class Span {
        private String firstTime;
        private String lastTime;
        private String lastIdentifier;
        private long lastSeen;

        Span(long after) {
            this.lastSeen = after;
        }

        void saw(LogEntry event) {
            if (firstTime == null) {
                firstTime = event.timeStamp();
            }
            lastTime = event.timeStamp();
            lastIdentifier = event.eventIdentifier();
            lastSeen = event.position();
        }
    }
}
