package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveException;
import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.archive.EventRow;
import com.buildfactory.controlplane.ops.archive.PartWriter;
import com.buildfactory.controlplane.ops.archive.SnapshotRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteConfig;

/**
 * Reads the event log and the snapshots of the live SQLite store into archive parts, all inside one deferred read
 * transaction on a connection of its own. In WAL mode that read sees one committed point of the log and takes no
 * write lock, so commands go on while it streams; the WAL can only be checkpointed past the reader when it ends,
 * which is why rows stream straight to gzip instead of waiting on the upload. The reading thread only encodes rows;
 * {@value #COMPRESSORS} threads of a pool that lives as long as the export compress the chunks (see
 * {@link PartWriter}), with at most {@value #MAX_PENDING} chunks in flight.
 */
public final class EventLogExporter {

    private static final String EVENTS = "SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber,"
            + " type, timeStamp, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry"
            + " WHERE globalIndex > ? AND globalIndex <= ? ORDER BY globalIndex";
    private static final String SNAPSHOTS = "SELECT s.aggregateIdentifier, s.sequenceNumber, s.type,"
            + " s.eventIdentifier, s.timeStamp, s.payloadType, s.payloadRevision, s.payload, s.metaData"
            + " FROM SnapshotEventEntry s JOIN DomainEventEntry e ON e.aggregateIdentifier = s.aggregateIdentifier"
            + " AND e.sequenceNumber = s.sequenceNumber WHERE e.globalIndex > ? AND e.globalIndex <= ?"
            + " ORDER BY e.globalIndex";

    static final int COMPRESSORS = 2;
    static final int MAX_PENDING = 2 * COMPRESSORS;

    private final Path database;

    public EventLogExporter(Path database) {
        this.database = database;
    }

    /** The identifier of the event stored at a position, if any: tells whether an archive's log is still ours. */
    public java.util.Optional<String> eventIdentifierAt(long position) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT eventIdentifier FROM DomainEventEntry WHERE globalIndex = ?")) {
            statement.setLong(1, position);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? java.util.Optional.of(rows.getString(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new ArchiveException("cannot read the event store " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Exports events after {@code afterPosition} (0 for everything) up to the head at the moment the read begins,
     * and the snapshots taken at those events, into {@code folder}.
     */
    public ExportResult export(long afterPosition, Path folder, ArchiveKey keyOrNull) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        ExecutorService compressors = Executors.newFixedThreadPool(COMPRESSORS, compressorThreads());
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database)) {
            connection.setAutoCommit(false);
            try {
                return exportIn(connection, afterPosition, folder, keyOrNull, compressors);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new ArchiveException("cannot read the event store " + database + ": " + e.getMessage(), e);
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

    private ExportResult exportIn(Connection connection, long after, Path folder, ArchiveKey key,
                                  ExecutorService compressors) throws SQLException {
        long head;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            head = rows.getLong(1);
        }
        long last = Math.max(head, after);
        long first = after + 1;
        String firstTime = null;
        String lastTime = null;
        String lastIdentifier = null;
        long lastSeen = after;
        try (PartWriter events = new PartWriter(ArchiveLayout.EVENTS, folder.resolve(ArchiveLayout.EVENTS), key,
                compressors, MAX_PENDING);
             PartWriter snapshots = new PartWriter(ArchiveLayout.SNAPSHOTS, folder.resolve(ArchiveLayout.SNAPSHOTS),
                     key, compressors, MAX_PENDING)) {
            try (PreparedStatement statement = connection.prepareStatement(EVENTS)) {
                statement.setLong(1, after);
                statement.setLong(2, last);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long globalIndex = rows.getLong(1);
                        String eventIdentifier = rows.getString(2);
                        String timeStamp = rows.getString(6);
                        events.write(EventRow.stored(globalIndex, eventIdentifier, rows.getString(3),
                                rows.getLong(4), rows.getString(5), timeStamp, rows.getString(7),
                                rows.getString(8), rows.getBytes(9), rows.getBytes(10)));
                        if (firstTime == null) {
                            firstTime = timeStamp;
                        }
                        lastTime = timeStamp;
                        lastIdentifier = eventIdentifier;
                        lastSeen = globalIndex;
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(SNAPSHOTS)) {
                statement.setLong(1, after);
                statement.setLong(2, last);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        snapshots.write(SnapshotRow.stored(rows.getString(1), rows.getLong(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getBytes(8), rows.getBytes(9)));
                    }
                }
            }
            if (lastSeen != head && head > after) {
                throw new ArchiveException("the export read up to position " + lastSeen + " but the head was " + head);
            }
            return new ExportResult(first, last, events.records(), snapshots.records(), firstTime, lastTime,
                    lastIdentifier, List.of(events.part(), snapshots.part()));
        }
    }
}
