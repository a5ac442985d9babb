package com.buildfactory.controlplane.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.archive.VersionOneWriter;
import com.buildfactory.controlplane.ops.restore.RestoreRequest;
import com.buildfactory.controlplane.ops.restore.RestoreResult;
import com.buildfactory.controlplane.ops.restore.RestoreService;
import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives taken by the previous version (format 1: one gzip member per part) stay usable: they verify, restore
 * whole and to a position, and a version 2 incremental archive continues them.
 */
class VersionOneArchiveTest {

    private static final ArchiveKey KEY = ArchiveKey.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

    @TempDir
    Path temp;

    @Test
    void aVersionOneFullArchiveVerifiesRestoresAndIsContinuedByAVersionTwoIncremental() throws Exception {
        EventStoreFixture store = new EventStoreFixture(temp.resolve("live.db"), 11,
                Instant.parse("2026-09-01T08:00:00Z"));
        store.append(3_000, 1_000);
        MutableClock clock = new MutableClock(store.now().plusSeconds(1));
        LocalFolderTarget target = new LocalFolderTarget(temp.resolve("backups"));
        ArchiveManifest old = VersionOneWriter.writeFull(store.database(), target, temp.resolve("v1"), KEY,
                clock.instant());
        List<String> eventsOfOld = EventStoreFixture.events(store.database());
        List<String> snapshotsOfOld = EventStoreFixture.snapshots(store.database());
        BackupService backups = new BackupService(store.database(), target,
                BackupConfig.of("0.2.0", temp.resolve("work"), KEY), new BackupStatusStore(), clock);
        new ArchiveVerifier(backups.catalog(), KEY, clock).verify(old.archive());

        store.append(700, 1_000);
        clock.set(store.now().plus(Duration.ofSeconds(1)));
        BackupRun incremental = backups.ship();

        assertThat(old.formatVersion()).isEqualTo(1);
        assertThat(incremental.outcome()).as(incremental.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        assertThat(incremental.kind()).isEqualTo(ArchiveKind.INCREMENTAL);
        assertThat(incremental.firstPosition()).isEqualTo(3_001);
        ArchiveManifest continuing = backups.catalog().manifest(incremental.archive());
        assertThat(continuing.formatVersion()).isEqualTo(ArchiveManifest.FORMAT_VERSION).isEqualTo(2);
        assertThat(continuing.basedOn()).isEqualTo(old.archive());

        RestoreService restores = new RestoreService(backups.catalog(), KEY, temp.resolve("work"));
        Path whole = temp.resolve("whole/store.db");
        RestoreResult all = restores.restore(RestoreRequest.latest(whole));
        assertThat(all.archives()).containsExactly(old.archive(), incremental.archive());
        assertThat(EventStoreFixture.events(whole)).isEqualTo(EventStoreFixture.events(store.database()));
        assertThat(EventStoreFixture.snapshots(whole)).isEqualTo(EventStoreFixture.snapshots(store.database()));

        Path onlyOld = temp.resolve("old/store.db");
        restores.restore(new RestoreRequest(old.archive(), null, null, onlyOld, false));
        assertThat(EventStoreFixture.events(onlyOld)).isEqualTo(eventsOfOld);
        assertThat(EventStoreFixture.snapshots(onlyOld)).isEqualTo(snapshotsOfOld);

        Path cut = temp.resolve("cut/store.db");
        restores.restore(new RestoreRequest(old.archive(), 1_234L, null, cut, false));
        assertThat(EventStoreFixture.events(cut)).isEqualTo(eventsOfOld.subList(0, 1_234));
    }
}
