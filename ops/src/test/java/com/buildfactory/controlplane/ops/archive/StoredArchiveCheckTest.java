package com.buildfactory.controlplane.ops.archive;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verification of an archive as stored, streamed from the target: what it accepts and what it refuses. */
class StoredArchiveCheckTest {

    private static final ArchiveKey KEY = ArchiveKey.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

    @TempDir
    Path temp;

    @Test
    void aSoundArchiveOfEitherFormatPassesEncryptedOrNot() throws Exception {
        for (ArchiveKey key : java.util.Arrays.asList(null, KEY)) {
            assertThatCode(() -> StoredArchiveCheck.verify(target(), archive(positions(1, 5_000), key, 5_000, false),
                    key)).doesNotThrowAnyException();
            assertThatCode(() -> StoredArchiveCheck.verify(target(), archive(positions(1, 5_000), key, 5_000, true),
                    key)).doesNotThrowAnyException();
        }
    }

    @Test
    void storedBytesThatDifferFromTheManifestAreCorruption() throws Exception {
        ArchiveManifest manifest = archive(positions(1, 3_000), null, 3_000, false);
        Path events = target().root().resolve(ArchiveLayout.key(manifest.archive(), ArchiveLayout.EVENTS));
        byte[] stored = Files.readAllBytes(events);
        stored[stored.length / 2] ^= 1;
        Files.write(events, stored);
        assertThatThrownBy(() -> StoredArchiveCheck.verify(target(), manifest, null))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("is corrupted: events.ndjson.gz has");
    }

    @Test
    void positionsThatDoNotRiseInsideTheRangeAreInconsistent() throws Exception {
        List<Long> positions = positions(1, 100);
        positions.set(50, 10L);
        assertThatThrownBy(() -> StoredArchiveCheck.verify(target(), archive(positions, null, 100, false), null))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("is inconsistent: event position 10 after 50");
        assertThatThrownBy(() -> StoredArchiveCheck.verify(target(), archive(positions(1, 101), null, 100, false),
                null)).isInstanceOf(ArchiveException.class).hasMessageContaining("position 101 after 100 outside 1..100");
    }

    @Test
    void aRowCountOtherThanTheManifestsIsRefused() throws Exception {
        ArchiveManifest manifest = archive(positions(1, 100), null, 100, false);
        ArchivePart events = manifest.part(ArchiveLayout.EVENTS);
        ArchiveManifest claimsMore = withEvents(manifest, new ArchivePart(events.name(), events.size(),
                events.sha256(), 120));
        assertThatThrownBy(() -> StoredArchiveCheck.verify(target(), claimsMore, null))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("holds 100 rows but its manifest says 120");
    }

    private LocalFolderTarget target() {
        return new LocalFolderTarget(temp.resolve("backups"));
    }

    private static List<Long> positions(long from, long to) {
        List<Long> positions = new ArrayList<>();
        for (long p = from; p <= to; p++) {
            positions.add(p);
        }
        return positions;
    }

    private ArchiveManifest archive(List<Long> positions, ArchiveKey key, long last, boolean versionOne)
            throws Exception {
        List<EventRow> rows = new ArrayList<>();
        for (long position : positions) {
            rows.add(EventRow.of(position, "e" + position, "a", position, "WorkItem", "2026-01-01T00:00:00Z", "T",
                    null, ("{\"n\":" + position + ",\"text\":\"grüße\"}").getBytes(StandardCharsets.UTF_8), null));
        }
        Path staging = Files.createTempDirectory(temp, "staging");
        ArchivePart events;
        ArchivePart snapshots;
        if (versionOne) {
            events = VersionOneWriter.writePart(ArchiveLayout.EVENTS, staging.resolve(ArchiveLayout.EVENTS), key, rows);
            snapshots = VersionOneWriter.writePart(ArchiveLayout.SNAPSHOTS, staging.resolve(ArchiveLayout.SNAPSHOTS),
                    key, List.of());
        } else {
            try (PartWriter writer = new PartWriter(ArchiveLayout.EVENTS, staging.resolve(ArchiveLayout.EVENTS), key)) {
                rows.forEach(writer::write);
                events = writer.part();
            }
            try (PartWriter writer = new PartWriter(ArchiveLayout.SNAPSHOTS, staging.resolve(ArchiveLayout.SNAPSHOTS),
                    key)) {
                snapshots = writer.part();
            }
        }
        String name = new ArchiveName(ArchiveKind.FULL, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(
                staging.hashCode() & 0xffff), 1, last).value();
        LocalFolderTarget target = target();
        for (ArchivePart part : List.of(events, snapshots)) {
            target.put(ArchiveLayout.key(name, part.name()), staging.resolve(part.name()), part.sha256());
        }
        return new ArchiveManifest(versionOne ? 1 : ArchiveManifest.FORMAT_VERSION, name, "test",
                Instant.parse("2026-01-02T00:00:00Z"), ArchiveKind.FULL, null, 1, last, rows.size(), 0, null, null,
                null, key == null ? null : new ArchiveEncryption(SegmentedGcm.ALGORITHM, key.keyId(),
                SegmentedGcm.SEGMENT_SIZE), List.of(events, snapshots));
    }

    private static ArchiveManifest withEvents(ArchiveManifest m, ArchivePart events) {
        return new ArchiveManifest(m.formatVersion(), m.archive(), m.applicationVersion(), m.createdAt(), m.kind(),
                m.basedOn(), m.firstPosition(), m.lastPosition(), m.eventCount(), m.snapshotCount(),
                m.firstEventTime(), m.lastEventTime(), m.lastEventIdentifier(), m.encryption(),
                List.of(events, m.part(ArchiveLayout.SNAPSHOTS)));
    }
}
