package com.buildfactory.controlplane.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.archive.ArchiveException;
import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.archive.Sha256;
import com.buildfactory.controlplane.ops.restore.RestoreRequest;
import com.buildfactory.controlplane.ops.restore.RestoreResult;
import com.buildfactory.controlplane.ops.restore.RestoreService;
import com.buildfactory.controlplane.ops.retention.RetentionPolicy;
import com.buildfactory.controlplane.ops.retention.RetentionReport;
import com.buildfactory.controlplane.ops.retention.RetentionService;
import com.buildfactory.controlplane.ops.target.ArchiveTarget;
import com.buildfactory.controlplane.ops.target.S3Target;
import com.buildfactory.controlplane.ops.target.StoredObject;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.model.S3Object;
import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Backup and restore against a real S3-compatible server (S3Proxy) with the production client settings: a store of
 * 11,500 mixed events archived as a full and an incremental archive, restored whole, at positions and at moments,
 * and every refusal the runbook promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3BackupRestoreTest {

    private static final String BUCKET = "backups";
    private static final long STEP_MILLIS = 250;

    @TempDir
    static Path temp;

    private S3ProxyServer s3;
    private EventStoreFixture store;
    private MutableClock clock;
    private S3Target target;
    private BackupService backups;
    private RestoreService restores;
    private BackupRun full;
    private BackupRun incremental;
    private List<String> fullEvents;
    private List<String> sourceEvents;
    private List<String> sourceSnapshots;

    @BeforeAll
    void archiveAStoreOfElevenThousandFiveHundredEvents() throws Exception {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        store = new EventStoreFixture(temp.resolve("live.db"), 42, Instant.parse("2026-10-01T08:00:00Z"));
        store.append(10_000, STEP_MILLIS);
        store.fillReadModels();
        clock = new MutableClock(store.now().plusSeconds(1));
        target = new S3Target(s3.config(BUCKET, "control-plane"));
        backups = new BackupService(store.database(), target, BackupConfig.of("test", temp.resolve("work"), null),
                new BackupStatusStore(), clock);
        full = backups.ship();
        fullEvents = EventStoreFixture.events(store.database());

        store.append(1_500, STEP_MILLIS);
        clock.set(store.now().plusSeconds(1));
        incremental = backups.ship();
        sourceEvents = EventStoreFixture.events(store.database());
        sourceSnapshots = EventStoreFixture.snapshots(store.database());
        restores = new RestoreService(backups.catalog(), null, temp.resolve("work"));
    }

    @AfterAll
    void stopServer() throws Exception {
        target.close();
        s3.close();
    }

    @Test
    void shipsAFullThenAnIncrementalArchiveBothVerified() {
        assertThat(full.outcome()).as(full.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        assertThat(full.kind()).isEqualTo(ArchiveKind.FULL);
        assertThat(full.firstPosition()).isEqualTo(1);
        assertThat(full.lastPosition()).isEqualTo(10_000);
        assertThat(incremental.outcome()).as(incremental.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        assertThat(incremental.kind()).isEqualTo(ArchiveKind.INCREMENTAL);
        assertThat(incremental.firstPosition()).isEqualTo(10_001);
        assertThat(incremental.lastPosition()).isEqualTo(11_500);
        assertThat(backups.catalog().manifest(incremental.archive()).basedOn()).isEqualTo(full.archive());

        BackupStatus status = backups.status();
        assertThat(status.archives()).extracting(ArchiveSummary::name)
                .containsExactly(full.archive(), incremental.archive());
        assertThat(status.archives()).allSatisfy(archive -> {
            assertThat(archive.verified()).isTrue();
            assertThat(archive.sizeBytes()).isPositive();
        });
        assertThat(status.archives().get(0).eventCount()).isEqualTo(10_000);
        assertThat(status.archives().get(0).snapshotCount()).isPositive();
        assertThat(status.health(clock.instant(), Duration.ofHours(26)).up()).isTrue();

        List<String> keys = target.list("archives/" + full.archive() + "/").stream().map(StoredObject::key).toList();
        assertThat(keys).containsExactlyInAnyOrder(
                ArchiveLayout.key(full.archive(), ArchiveLayout.EVENTS),
                ArchiveLayout.key(full.archive(), ArchiveLayout.SNAPSHOTS),
                ArchiveLayout.key(full.archive(), ArchiveLayout.MANIFEST),
                ArchiveLayout.key(full.archive(), ArchiveLayout.VERIFIED));
        assertThat(target.storedSha256(ArchiveLayout.key(full.archive(), ArchiveLayout.EVENTS)))
                .isEqualTo(backups.catalog().manifest(full.archive()).part(ArchiveLayout.EVENTS).sha256());
    }

    @Test
    void aFullArchiveRestoresTheIdenticalEventTableWithEmptyTokensAndReadModels() throws Exception {
        Path restored = temp.resolve("full-restore/store.db");
        RestoreResult result = restores.restore(new RestoreRequest(full.archive(), null, null, restored, false));

        assertThat(result.eventCount()).isEqualTo(10_000);
        assertThat(EventStoreFixture.events(restored)).isEqualTo(fullEvents);
        assertThat(EventStoreFixture.count(restored, "SnapshotEventEntry")).isPositive();
        assertEverySnapshotBelongsToARestoredEvent(restored);
        assertThat(EventStoreFixture.count(restored, "TokenEntry")).isZero();
        assertThat(EventStoreFixture.rows(restored, "SELECT name FROM sqlite_master WHERE name = 'item_page'"))
                .as("read models live in their own file").isEmpty();
        assertThat(EventStoreFixture.count(restored, "idempotency_record")).isZero();
        assertThat(EventStoreFixture.count(restored, "flyway_schema_history")).isPositive();
        assertThat(EventStoreFixture.rows(restored, "PRAGMA integrity_check")).containsExactly("ok");
        try (Stream<Path> files = Files.list(restored.getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("store.db");
        }
    }

    @Test
    void latestAppliesTheFullArchiveThenTheIncrementalOne() throws Exception {
        Path restored = temp.resolve("latest/store.db");
        RestoreResult result = restores.restore(RestoreRequest.latest(restored));

        assertThat(result.archives()).containsExactly(full.archive(), incremental.archive());
        assertThat(EventStoreFixture.events(restored)).isEqualTo(sourceEvents);
        assertThat(EventStoreFixture.snapshots(restored)).isEqualTo(sourceSnapshots);
        assertThat(result.lastPosition()).isEqualTo(11_500);
    }

    @Test
    void aCopyDownloadedFromTheBucketRestoresFromALocalFolder() throws Exception {
        Path copy = temp.resolve("downloaded-copy");
        try (S3Client client = s3.client()) {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("control-plane/"))
                    .contents()) {
                Path file = copy.resolve(object.key().substring("control-plane/".length()));
                Files.createDirectories(file.getParent());
                client.getObject(b -> b.bucket(BUCKET).key(object.key()), file);
            }
        }
        Path restored = temp.resolve("from-copy/store.db");
        RestoreService fromCopy = new RestoreService(new ArchiveCatalog(new LocalFolderTarget(copy)), null,
                temp.resolve("work"));

        RestoreResult result = fromCopy.restore(RestoreRequest.latest(restored));

        assertThat(result.eventCount()).isEqualTo(11_500);
        assertThat(EventStoreFixture.events(restored)).isEqualTo(sourceEvents);
    }

    @Test
    void restoringToRandomPositionsEqualsTheLogCutThere() throws Exception {
        Random random = new Random(7);
        List<Long> positions = new java.util.ArrayList<>(List.of(1L, 10_000L, 10_001L, 11_500L));
        for (int i = 0; i < 2; i++) {
            positions.add(1 + (long) random.nextInt(11_500));
        }
        for (long position : positions) {
            Path restored = temp.resolve("position-" + position + "/store.db");
            RestoreResult result = restores.restore(new RestoreRequest("latest", position, null, restored, false));
            assertThat(EventStoreFixture.events(restored)).as("cut at %d", position)
                    .isEqualTo(sourceEvents.subList(0, (int) position));
            assertThat(result.lastPosition()).isEqualTo(position);
            assertEverySnapshotBelongsToARestoredEvent(restored);
        }
    }

    @Test
    void restoringToRandomMomentsEqualsTheLogUpToThatMoment() throws Exception {
        Random random = new Random(11);
        Instant first = Instant.parse("2026-10-01T08:00:00Z");
        long span = Duration.between(first, clock.instant()).toMillis();
        for (int i = 0; i < 2; i++) {
            Instant moment = first.plusMillis((long) (random.nextDouble() * span));
            Path restored = temp.resolve("moment-" + i + "/store.db");
            restores.restore(new RestoreRequest("latest", null, moment, restored, false));
            List<String> expected = sourceEvents.stream()
                    .filter(row -> !Instant.parse(row.split("\\|")[5]).isAfter(moment))
                    .toList();
            assertThat(EventStoreFixture.events(restored)).as("cut at %s", moment).isEqualTo(expected);
        }
    }

    @Test
    void pointsOutsideTheWindowAreRefusedClearly() {
        Path restored = temp.resolve("outside/store.db");
        assertThatThrownBy(() -> restores.restore(new RestoreRequest("latest", null,
                Instant.parse("2026-09-30T00:00:00Z"), restored, false)))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("before the first archived event");
        assertThatThrownBy(() -> restores.restore(new RestoreRequest("latest", null,
                clock.instant().plus(Duration.ofHours(1)), restored, false)))
                .hasMessageContaining("is after archive " + incremental.archive() + " was taken");
        assertThatThrownBy(() -> restores.restore(new RestoreRequest(full.archive(), 10_001L, null, restored,
                false)))
                .hasMessageContaining("position 10001 is outside archive " + full.archive());
        assertThat(restored).doesNotExist();
    }

    @Test
    void unknownArchiveNamesAreRefusedClearly() {
        Path restored = temp.resolve("unknown/store.db");
        assertThatThrownBy(() -> restores.restore(new RestoreRequest("full-20200101T000000Z-1-5", null, null,
                restored, false)))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("no archive named full-20200101T000000Z-1-5 in s3://backups/control-plane/");
        assertThatThrownBy(() -> restores.restore(new RestoreRequest("yesterday", null, null, restored, false)))
                .hasMessageContaining("'yesterday' is not an archive name");
        assertThat(restored).doesNotExist();
    }

    @Test
    void aTargetHoldingEventsIsReplacedOnlyWhenAskedTo() throws Exception {
        Path restored = temp.resolve("non-empty/store.db");
        restores.restore(new RestoreRequest(full.archive(), 10L, null, restored, false));
        byte[] before = Files.readAllBytes(restored);

        assertThatThrownBy(() -> restores.restore(RestoreRequest.latest(restored)))
                .hasMessageContaining("is not empty (10 events); pass --replace");
        assertThat(Files.readAllBytes(restored)).isEqualTo(before);

        restores.restore(new RestoreRequest("latest", null, null, restored, true));
        assertThat(EventStoreFixture.events(restored)).isEqualTo(sourceEvents);
    }

    @Test
    void aCorruptedOrTruncatedArchiveIsRefusedAndTheTargetStaysUntouched() throws Exception {
        S3Target damaged = new S3Target(s3.config(BUCKET, "damaged"));
        BackupService service = new BackupService(store.database(), damaged,
                BackupConfig.of("test", temp.resolve("work"), null), new BackupStatusStore(), clock);
        BackupRun run = service.backup(ArchiveKind.FULL);
        assertThat(run.outcome()).as(run.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        String eventsKey = "damaged/" + ArchiveLayout.key(run.archive(), ArchiveLayout.EVENTS);
        RestoreService restore = new RestoreService(service.catalog(), null, temp.resolve("work"));
        Path existing = temp.resolve("damaged/store.db");
        restore.restore(new RestoreRequest(run.archive(), 100L, null, existing, false));
        byte[] before = Files.readAllBytes(existing);

        try (S3Client client = s3.client()) {
            byte[] original = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(eventsKey)).asByteArray();
            byte[] flipped = original.clone();
            flipped[flipped.length / 2] ^= 0x5a;
            client.putObject(b -> b.bucket(BUCKET).key(eventsKey), RequestBody.fromBytes(flipped));
            assertThatThrownBy(() -> restore.restore(new RestoreRequest(run.archive(), null, null, existing, true)))
                    .isInstanceOf(ArchiveException.class)
                    .hasMessageContaining("untouched")
                    .hasMessageContaining("is corrupted: events.ndjson.gz has " + original.length + " bytes with SHA-256");
            assertThat(Files.readAllBytes(existing)).isEqualTo(before);

            byte[] truncated = Arrays.copyOf(original, original.length / 3);
            client.putObject(b -> b.bucket(BUCKET).key(eventsKey), RequestBody.fromBytes(truncated));
            assertThatThrownBy(() -> restore.restore(new RestoreRequest(run.archive(), null, null, existing, true)))
                    .hasMessageContaining("is corrupted: events.ndjson.gz has " + truncated.length + " bytes");
            assertThat(Files.readAllBytes(existing)).isEqualTo(before);
        }
        try (Stream<Path> files = Files.list(existing.getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("store.db");
        }
        damaged.close();
    }

    @Test
    void anEncryptedArchiveNeedsItsKeyAndNeverYieldsPartialData() throws Exception {
        ArchiveKey key = ArchiveKey.fromBase64(randomKey());
        ArchiveKey otherKey = ArchiveKey.fromBase64(randomKey());
        S3Target encrypted = new S3Target(s3.config(BUCKET, "encrypted"));
        BackupService service = new BackupService(store.database(), encrypted,
                BackupConfig.of("test", temp.resolve("work"), key), new BackupStatusStore(), clock);
        BackupRun run = service.backup(ArchiveKind.FULL);
        assertThat(run.outcome()).as(run.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        assertThat(service.catalog().manifest(run.archive()).encryption().keyId()).isEqualTo(key.keyId());

        Path restored = temp.resolve("encrypted/store.db");
        new RestoreService(service.catalog(), key, temp.resolve("work"))
                .restore(RestoreRequest.latest(restored));
        assertThat(EventStoreFixture.events(restored)).isEqualTo(EventStoreFixture.events(store.database()));

        Path elsewhere = temp.resolve("encrypted-wrong/store.db");
        assertThatThrownBy(() -> new RestoreService(service.catalog(), otherKey, temp.resolve("work"))
                .restore(RestoreRequest.latest(elsewhere)))
                .hasMessageContaining("wrong encryption key");
        assertThatThrownBy(() -> new RestoreService(service.catalog(), null, temp.resolve("work"))
                .restore(RestoreRequest.latest(elsewhere)))
                .hasMessageContaining("is encrypted (key id " + key.keyId() + ") and no key is configured: set "
                        + "CONTROL_PLANE_BACKUP_ENCRYPTION_KEY");
        assertThat(elsewhere).doesNotExist();
        assertThat(elsewhere.getParent()).satisfiesAnyOf(
                folder -> assertThat(folder).doesNotExist(),
                folder -> assertThat(folder).isEmptyDirectory());
        encrypted.close();
    }

    @Test
    void wrongCredentialsAndAMissingBucketFailTheRunWithAClearReason() {
        try (S3Target wrongSecret = new S3Target(s3.config(BUCKET, "x").withCredentials(S3ProxyServer.ACCESS_KEY,
                "not-the-secret"));
             S3Target missingBucket = new S3Target(s3.config("no-such-bucket", "x"))) {
            BackupRun refused = service(wrongSecret).backup(ArchiveKind.FULL);
            assertThat(refused.outcome()).isEqualTo(BackupRun.Outcome.FAILED);
            assertThat(refused.reason()).contains("refused the credentials (access key test-access-key)");

            BackupRun missing = service(missingBucket).backup(ArchiveKind.FULL);
            assertThat(missing.outcome()).isEqualTo(BackupRun.Outcome.FAILED);
            assertThat(missing.reason()).contains("bucket no-such-bucket does not exist at " + s3.endpoint());
            assertThatThrownBy(missingBucket::check).hasMessageContaining("bucket no-such-bucket does not exist");
        }
    }

    @Test
    void anUnreachableBucketFailsTheRunListsNothingAndDegradesHealth() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (S3Target unreachable = new S3Target(s3.config(BUCKET, "x")
                .withEndpoint(URI.create("http://127.0.0.1:" + closedPort)))) {
            BackupService service = service(unreachable);
            BackupRun run = service.ship();
            assertThat(run.outcome()).isEqualTo(BackupRun.Outcome.FAILED);
            assertThat(run.reason()).contains("is unreachable or failed");
            BackupStatus status = service.status();
            assertThat(status.archives()).isEmpty();
            assertThat(status.lastFailure()).isEqualTo(run);
            assertThat(status.health(clock.instant(), Duration.ofHours(26)).up()).isFalse();
        }
    }

    @Test
    void aBucketFailingMidUploadLeavesNoUsableArchiveAndTheNextRunSucceeds() throws Exception {
        s3.createBucket("flaky");
        try (S3Target flaky = new S3Target(s3.config("flaky", "cp"))) {
            ArchiveTarget stopsAfterFirstPart = new StoppingTarget(flaky, s3);
            BackupStatusStore history = new BackupStatusStore();
            BackupService failing = new BackupService(new EventLogExporter(store.database()),
                    new ArchiveCatalog(stopsAfterFirstPart), BackupConfig.of("test", temp.resolve("work"), null),
                    history, clock);
            BackupRun failed = failing.backup(ArchiveKind.FULL);
            assertThat(failed.outcome()).isEqualTo(BackupRun.Outcome.FAILED);
            assertThat(failed.reason()).contains("unreachable");

            s3.start();
            ArchiveCatalog catalog = new ArchiveCatalog(flaky);
            assertThat(catalog.usable()).isEmpty();
            assertThat(catalog.latest()).isEmpty();

            BackupService healthy = new BackupService(new EventLogExporter(store.database()), catalog,
                    BackupConfig.of("test", temp.resolve("work"), null), history, clock);
            BackupRun next = healthy.backup(ArchiveKind.FULL);
            assertThat(next.outcome()).as(next.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
            assertThat(catalog.usable()).hasSize(1);
            assertThat(healthy.status().lastFailure()).isEqualTo(failed);
            assertThat(healthy.status().health(clock.instant(), Duration.ofHours(26)).up()).isTrue();
        }
    }

    @Test
    void largePartsGoUpInPiecesWithOurOwnChecksumAndStaleUploadsAreAborted() throws Exception {
        s3.createBucket("multipart");
        try (S3Target multipart = new S3Target(s3.config("multipart", "mp").withMultipart(5L << 20, 5L << 20));
             S3Client client = s3.client()) {
            Path big = temp.resolve("big.bin");
            byte[] content = new byte[(12 << 20) + 12345];
            new Random(3).nextBytes(content);
            Files.write(big, content);
            String sha256 = Sha256.of(big);
            multipart.put("parts/big.bin", big, sha256);
            Path back = temp.resolve("big-back.bin");
            multipart.get("parts/big.bin", back);
            assertThat(Sha256.of(back)).isEqualTo(sha256);
            assertThat(multipart.storedSha256("parts/big.bin")).isEqualTo(sha256);

            client.createMultipartUpload(b -> b.bucket("multipart").key("mp/archives/abandoned/events.ndjson.gz"));
            assertThat(multipart.abortStaleUploads(Instant.now().plus(Duration.ofHours(1)))).isEqualTo(1);
            assertThat(client.listMultipartUploads(b -> b.bucket("multipart")).uploads()).isEmpty();
        }
    }

    @Test
    void retentionOnTheBucketDeletesOldArchivesButKeepsTheNewestVerifiedFull() throws Exception {
        s3.createBucket("retention");
        MutableClock days = new MutableClock(clock.instant());
        try (S3Target bucket = new S3Target(s3.config("retention", "cp"))) {
            BackupService service = new BackupService(store.database(), bucket,
                    BackupConfig.of("test", temp.resolve("work"), null), new BackupStatusStore(), days);
            BackupRun old = service.backup(ArchiveKind.FULL);
            days.advance(Duration.ofDays(40));
            BackupRun recent = service.backup(ArchiveKind.FULL);
            RetentionReport report = new RetentionService(service.catalog(), RetentionPolicy.DEFAULT, days).apply();
            assertThat(report.deleted()).containsExactly(old.archive());
            assertThat(report.protectedFull()).isEqualTo(recent.archive());
            assertThat(bucket.list("archives/" + old.archive() + "/")).isEmpty();
            assertThat(service.catalog().usable()).extracting(m -> m.archive()).containsExactly(recent.archive());
        }
    }

    private BackupService service(ArchiveTarget target) {
        return new BackupService(store.database(), target, BackupConfig.of("test", temp.resolve("work"), null),
                new BackupStatusStore(), clock);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void assertEverySnapshotBelongsToARestoredEvent(Path restored) throws Exception {
        assertThat(EventStoreFixture.rows(restored, "SELECT count(*) FROM SnapshotEventEntry s WHERE NOT EXISTS"
                + " (SELECT 1 FROM DomainEventEntry e WHERE e.aggregateIdentifier = s.aggregateIdentifier"
                + " AND e.sequenceNumber = s.sequenceNumber)")).containsExactly("0");
        assertThat(EventStoreFixture.rows(restored, "SELECT count(*) FROM (SELECT aggregateIdentifier FROM"
                + " SnapshotEventEntry GROUP BY aggregateIdentifier HAVING count(*) > 1)")).containsExactly("0");
    }

    /** The real target, but the server goes down right after the first part is stored: an outage mid-upload. */
    private static final class StoppingTarget implements ArchiveTarget {
        private final ArchiveTarget delegate;
        private final S3ProxyServer server;

        StoppingTarget(ArchiveTarget delegate, S3ProxyServer server) {
            this.delegate = delegate;
            this.server = server;
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void check() {
            delegate.check();
        }

        @Override
        public void put(String key, Path source, String sha256) {
            delegate.put(key, source, sha256);
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void putBytes(String key, byte[] content) {
            delegate.putBytes(key, content);
        }

        @Override
        public void get(String key, Path destination) {
            delegate.get(key, destination);
        }

        @Override
        public byte[] getBytes(String key) {
            return delegate.getBytes(key);
        }

        @Override
        public boolean exists(String key) {
            return delegate.exists(key);
        }

        @Override
        public List<StoredObject> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }

        @Override
        public int abortStaleUploads(Instant startedBefore) {
            return delegate.abortStaleUploads(startedBefore);
        }
    }
}
