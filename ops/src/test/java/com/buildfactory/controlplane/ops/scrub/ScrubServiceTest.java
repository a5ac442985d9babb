package com.buildfactory.controlplane.ops.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.backup.ArchiveSummary;
import com.buildfactory.controlplane.ops.backup.BackupConfig;
import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.buildfactory.controlplane.ops.backup.BackupService;
import com.buildfactory.controlplane.ops.backup.BackupStatus;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.EventStoreFixture;
import com.buildfactory.controlplane.ops.backup.MutableClock;
import com.buildfactory.controlplane.ops.backup.S3ProxyServer;
import com.buildfactory.controlplane.ops.backup.ScrubReport;
import com.buildfactory.controlplane.ops.target.S3Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Scrubbing against a real S3-compatible server: one flipped byte in a stored full archive is found, the archive is
 * marked damaged on the bucket, health says so, the chain is not extended (the next shipping run takes a full
 * archive at once), and health recovers with that new full.
 */
class ScrubServiceTest {

    private static final Instant START = Instant.parse("2026-10-01T08:00:00Z");
    private static final Duration MAX_AGE = Duration.ofHours(26);

    @TempDir
    Path temp;

    private S3ProxyServer s3;
    private S3Target target;
    private EventStoreFixture store;
    private MutableClock clock;
    private BackupStatusStore statusStore;
    private BackupService backups;
    private ScrubService scrubs;

    @BeforeEach
    void setUp() throws Exception {
        s3 = new S3ProxyServer();
        s3.createBucket("scrub");
        target = new S3Target(s3.config("scrub", "production"));
        store = new EventStoreFixture(temp.resolve("live.db"), 11, START);
        store.append(500, 100);
        clock = new MutableClock(store.now().plusSeconds(1));
        statusStore = new BackupStatusStore(temp.resolve("backup-status.json"));
        backups = new BackupService(store.database(), target, BackupConfig.of("test", temp.resolve("work"), null),
                statusStore, clock);
        scrubs = new ScrubService(backups.catalog(), null, statusStore, clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        target.close();
        s3.close();
    }

    @Test
    void aFlippedByteIsFoundMarkedAndTheNextShippingRunTakesAFullArchive() throws Exception {
        BackupRun full = succeeded(backups.ship());
        store.append(50, 100);
        clock.advance(Duration.ofMinutes(5));
        BackupRun incremental = succeeded(backups.ship());
        assertThat(incremental.kind()).isEqualTo(ArchiveKind.INCREMENTAL);

        clock.advance(Duration.ofMinutes(5));
        ScrubReport clean = scrubs.scrub();
        assertThat(clean.clean()).isTrue();
        assertThat(clean.checked()).isEqualTo(2);
        assertThat(backups.status().archives()).allSatisfy(archive -> {
            assertThat(archive.lastVerification().by()).isEqualTo("scrub");
            assertThat(archive.lastVerification().passed()).isTrue();
            assertThat(archive.lastVerification().at()).isEqualTo(clock.instant());
        });

        flipOneByte(ArchiveLayout.key(full.archive(), ArchiveLayout.EVENTS));
        clock.advance(Duration.ofMinutes(5));
        ScrubReport found = scrubs.scrub();

        assertThat(found.damaged()).containsExactly(full.archive());
        assertThat(target.exists(ArchiveLayout.key(full.archive(), ArchiveLayout.DAMAGED))).isTrue();
        BackupStatus status = backups.status();
        ArchiveSummary damaged = status.archives().get(0);
        assertThat(damaged.damaged()).isTrue();
        assertThat(damaged.lastVerification().passed()).isFalse();
        assertThat(damaged.lastVerification().detail()).contains("is corrupted").contains("SHA-256");
        assertThat(status.archives().get(1).damaged()).as("the incremental's own bytes are fine").isFalse();
        BackupStatus.Health health = status.health(clock.instant(), MAX_AGE);
        assertThat(health.up()).isFalse();
        assertThat(health.detail()).startsWith("archive " + full.archive() + " is damaged");

        store.append(10, 100);
        clock.advance(Duration.ofMinutes(5));
        BackupRun early = succeeded(backups.ship());

        assertThat(early.kind()).as("the chain is not extended: a full archive, hours before it is due")
                .isEqualTo(ArchiveKind.FULL);
        assertThat(backups.status().health(clock.instant(), MAX_AGE).up()).isTrue();
        assertThat(new BackupStatusStore(temp.resolve("backup-status.json")).scrubOf(full.archive()).passed())
                .as("the last verification survives a restart").isFalse();
    }

    @Test
    void anUnreachableBucketStopsTheScrubWithoutMarkingAnythingDamaged() throws Exception {
        BackupRun full = succeeded(backups.ship());
        s3.stop();
        ScrubReport report = scrubs.scrub();
        s3.start();

        assertThat(report.failure()).contains("unreachable");
        assertThat(report.damaged()).isEmpty();
        assertThat(target.exists(ArchiveLayout.key(full.archive(), ArchiveLayout.DAMAGED))).isFalse();
        assertThat(backups.status().health(clock.instant(), MAX_AGE).detail()).startsWith("last scrub failed");
    }

    private void flipOneByte(String key) {
        try (S3Client client = s3.client()) {
            String full = "production/" + key;
            ResponseBytes<GetObjectResponse> stored = client.getObjectAsBytes(b -> b.bucket("scrub").key(full));
            byte[] bytes = stored.asByteArray();
            bytes[bytes.length / 2] ^= 0x01;
            Map<String, String> metadata = stored.response().metadata();
            client.putObject(b -> b.bucket("scrub").key(full).metadata(metadata), RequestBody.fromBytes(bytes));
        }
    }

    private static BackupRun succeeded(BackupRun run) {
        assertThat(run.outcome()).as(run.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        return run;
    }
}
