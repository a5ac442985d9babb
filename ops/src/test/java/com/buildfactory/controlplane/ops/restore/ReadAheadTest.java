package com.buildfactory.controlplane.ops.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.buildfactory.controlplane.ops.archive.ArchiveException;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.archive.ArchiveName;
import com.buildfactory.controlplane.ops.archive.ArchivePart;
import com.buildfactory.controlplane.ops.archive.EventRow;
import com.buildfactory.controlplane.ops.archive.FetchedArchive;
import com.buildfactory.controlplane.ops.archive.PartWriter;
import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows decoded ahead on their own thread arrive in order, failures arrive where they happened, close stops it. */
class ReadAheadTest {

    @TempDir
    Path temp;

    @Test
    void rowsArriveInOrderAndAShortPartFailsAtItsEnd() throws Exception {
        FetchedArchive archive = archive(7_500, 7_500);
        List<Long> positions = new ArrayList<>();
        try (ReadAhead<EventRow> rows = new ReadAhead<>(archive.events(), "test")) {
            rows.forEachRemaining(row -> positions.add(row.globalIndex()));
        }
        assertThat(positions).hasSize(7_500).isSorted().startsWith(1L).endsWith(7_500L);

        FetchedArchive claimsMore = archive(2_500, 3_000);
        List<Long> before = new ArrayList<>();
        try (ReadAhead<EventRow> rows = new ReadAhead<>(claimsMore.events(), "test")) {
            assertThatThrownBy(() -> rows.forEachRemaining(row -> before.add(row.globalIndex())))
                    .isInstanceOf(ArchiveException.class).hasMessageContaining("holds 2500 rows but its manifest says 3000");
        }
        assertThat(before).hasSize(2_500);
    }

    @Test
    void closingEarlyStopsTheReadingThread() throws Exception {
        FetchedArchive archive = archive(50_000, 50_000);
        ReadAhead<EventRow> rows = new ReadAhead<>(archive.events(), "early");
        assertThat(rows.next().globalIndex()).isEqualTo(1);
        rows.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("early"));
    }

    private FetchedArchive archive(int rows, long claimed) throws Exception {
        Path staging = Files.createTempDirectory(temp, "staging");
        ArchivePart events;
        try (PartWriter writer = new PartWriter(ArchiveLayout.EVENTS, staging.resolve(ArchiveLayout.EVENTS), null)) {
            for (long i = 1; i <= rows; i++) {
                writer.write(EventRow.stored(i, "e" + i, "a", i, "WorkItem", "2026-01-01T00:00:00Z", "T", null,
                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), null));
            }
            events = writer.part();
        }
        ArchivePart snapshots;
        try (PartWriter writer = new PartWriter(ArchiveLayout.SNAPSHOTS, staging.resolve(ArchiveLayout.SNAPSHOTS),
                null)) {
            snapshots = writer.part();
        }
        String name = new ArchiveName(ArchiveKind.FULL, Instant.parse("2026-01-01T00:00:00Z"), 1, claimed).value();
        LocalFolderTarget target = new LocalFolderTarget(Files.createTempDirectory(temp, "target"));
        for (ArchivePart part : List.of(events, snapshots)) {
            target.put(ArchiveLayout.key(name, part.name()), staging.resolve(part.name()), part.sha256());
        }
        ArchiveManifest manifest = new ArchiveManifest(ArchiveManifest.FORMAT_VERSION, name, "test",
                Instant.parse("2026-01-02T00:00:00Z"), ArchiveKind.FULL, null, 1, claimed, claimed, 0, null, null,
                null, null, List.of(new ArchivePart(events.name(), events.size(), events.sha256(), claimed),
                        snapshots));
        return FetchedArchive.fetch(target, manifest, Files.createTempDirectory(temp, "fetched"), null);
    }
}
