package com.buildfactory.controlplane.ops.archive;

import com.buildfactory.controlplane.ops.target.ArchiveTarget;
import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The archive writer of format version 1, kept as it was (one gzip member per part, rows serialized from
 * {@link EventRow}/{@link SnapshotRow} records), so that tests can prove that archives taken by the previous version
 * still verify and restore.
 */
public final class VersionOneWriter {

    private VersionOneWriter() {
    }

    /** A full version 1 archive of the whole store, uploaded with its manifest; returns the manifest. */
    public static ArchiveManifest writeFull(Path database, ArchiveTarget target, Path staging, ArchiveKey keyOrNull,
                                            Instant createdAt) throws IOException, SQLException {
        Files.createDirectories(staging);
        List<EventRow> events = new ArrayList<>();
        List<SnapshotRow> snapshots = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             PreparedStatement eventQuery = connection.prepareStatement("SELECT globalIndex, eventIdentifier,"
                     + " aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload,"
                     + " metaData FROM DomainEventEntry ORDER BY globalIndex");
             PreparedStatement snapshotQuery = connection.prepareStatement("SELECT s.aggregateIdentifier,"
                     + " s.sequenceNumber, s.type, s.eventIdentifier, s.timeStamp, s.payloadType, s.payloadRevision,"
                     + " s.payload, s.metaData FROM SnapshotEventEntry s JOIN DomainEventEntry e"
                     + " ON e.aggregateIdentifier = s.aggregateIdentifier AND e.sequenceNumber = s.sequenceNumber"
                     + " ORDER BY e.globalIndex")) {
            try (ResultSet rows = eventQuery.executeQuery()) {
                while (rows.next()) {
                    events.add(EventRow.of(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                            rows.getBytes(9), rows.getBytes(10)));
                }
            }
            try (ResultSet rows = snapshotQuery.executeQuery()) {
                while (rows.next()) {
                    snapshots.add(SnapshotRow.of(rows.getString(1), rows.getLong(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getBytes(8), rows.getBytes(9)));
                }
            }
        }
        long last = events.isEmpty() ? 0 : events.get(events.size() - 1).globalIndex();
        ArchiveName name = new ArchiveName(ArchiveKind.FULL, createdAt, 1, last);
        List<ArchivePart> parts = List.of(
                writePart(ArchiveLayout.EVENTS, staging.resolve(ArchiveLayout.EVENTS), keyOrNull, events),
                writePart(ArchiveLayout.SNAPSHOTS, staging.resolve(ArchiveLayout.SNAPSHOTS), keyOrNull, snapshots));
        ArchiveManifest manifest = new ArchiveManifest(1, name.value(), "0.1.0", createdAt, ArchiveKind.FULL, null, 1,
                last, events.size(), snapshots.size(), events.isEmpty() ? null : events.get(0).timeStamp(),
                events.isEmpty() ? null : events.get(events.size() - 1).timeStamp(),
                events.isEmpty() ? null : events.get(events.size() - 1).eventIdentifier(),
                keyOrNull == null ? null : new ArchiveEncryption(SegmentedGcm.ALGORITHM, keyOrNull.keyId(),
                        SegmentedGcm.SEGMENT_SIZE), parts);
        for (ArchivePart part : parts) {
            target.put(ArchiveLayout.key(name.value(), part.name()), staging.resolve(part.name()), part.sha256());
        }
        target.putBytes(ArchiveLayout.key(name.value(), ArchiveLayout.MANIFEST), ArchiveJson.write(manifest));
        return manifest;
    }

    /** Version 1's PartWriter: one SequenceWriter over one GZIPOutputStream at the default level. */
    public static ArchivePart writePart(String name, Path file, ArchiveKey keyOrNull, List<?> rows)
            throws IOException {
        MessageDigest digest = Sha256.digest();
        long[] count = new long[1];
        OutputStream counted = new java.io.FilterOutputStream(new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), digest)) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                count[0] += len;
            }
        };
        OutputStream stored = keyOrNull == null ? counted : SegmentedGcm.encrypting(counted, keyOrNull);
        OutputStream stack = new BufferedOutputStream(new GZIPOutputStream(stored, 1 << 16), 1 << 16);
        SequenceWriter writer = ArchiveJson.MAPPER.writer().withRootValueSeparator("\n").writeValues(stack);
        for (Object row : rows) {
            writer.write(row);
        }
        writer.flush();
        if (!rows.isEmpty()) {
            stack.write('\n');
        }
        writer.close();
        stack.close();
        return new ArchivePart(name, count[0], Sha256.hex(digest), rows.size());
    }
}
