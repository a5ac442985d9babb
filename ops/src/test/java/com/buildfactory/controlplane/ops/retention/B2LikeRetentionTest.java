package com.buildfactory.controlplane.ops.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.backup.BackupConfig;
import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.buildfactory.controlplane.ops.backup.BackupService;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.EventStoreFixture;
import com.buildfactory.controlplane.ops.backup.LegacyS3ProxyProcess;
import com.buildfactory.controlplane.ops.backup.MutableClock;
import com.buildfactory.controlplane.ops.backup.S3ProxyServer;
import com.buildfactory.controlplane.ops.target.S3Target;
import com.buildfactory.controlplane.ops.target.StoredObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Retention on a store that, like Backblaze B2, refuses the SDK's flexible checksum headers: S3Proxy 2.7.0 in its
 * own process. DeleteObjects must go out with Content-MD5 alone, and whole archives must go, parts included.
 */
class B2LikeRetentionTest {

    private static final Instant DAY_0 = Instant.parse("2026-09-01T02:30:00Z");

    @TempDir
    static Path temp;

    private static LegacyS3ProxyProcess s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LegacyS3ProxyProcess();
        try (S3Client client = rawClient()) {
            client.createBucket(b -> b.bucket("b2like"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void theServerRefusesADeleteObjectsWithAFlexibleChecksumSoTheTestCanTellTheDifference() {
        try (S3Client client = rawClient()) {
            client.putObject(b -> b.bucket("b2like").key("probe/a"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("a"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.deleteObjects(b -> b.bucket("b2like")
                            .delete(Delete.builder().objects(ObjectIdentifier.builder().key("probe/a").build()).build())))
                    .isInstanceOf(SdkException.class).hasMessageContaining("501");
        }
    }

    @Test
    void deleteAllRemovesEveryKeyInOneRequestWithContentMd5Alone() {
        try (S3Target target = new S3Target(s3.config("b2like", "delete-all"))) {
            List<String> keys = List.of("archives/x/events.ndjson.gz", "archives/x/snapshots.ndjson.gz",
                    "archives/x/manifest.json");
            keys.forEach(key -> target.putBytes(key, key.getBytes()));
            assertThat(objects(target)).hasSize(3);

            target.deleteAll(keys);

            assertThat(objects(target)).isEmpty();
        }
    }

    @Test
    void retentionDeletesWholeArchivesPartsIncluded() throws Exception {
        EventStoreFixture store = new EventStoreFixture(temp.resolve("live.db"), 5, DAY_0.minusSeconds(600));
        store.append(200, 1_000);
        MutableClock clock = new MutableClock(DAY_0);
        try (S3Target target = new S3Target(s3.config("b2like", "production"))) {
            BackupService backups = new BackupService(store.database(), target,
                    BackupConfig.of("test", temp.resolve("work"), null), new BackupStatusStore(), clock);
            BackupRun oldFull = backups.backup(ArchiveKind.FULL);
            store.append(10, 1_000);
            clock.set(DAY_0.plus(Duration.ofHours(1)));
            BackupRun oldIncremental = backups.backup(ArchiveKind.INCREMENTAL);
            clock.set(DAY_0.plus(Duration.ofDays(40)));
            BackupRun newFull = backups.backup(ArchiveKind.FULL);
            assertThat(List.of(oldFull, oldIncremental, newFull))
                    .allSatisfy(run -> assertThat(run.outcome()).as(run.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED));

            clock.set(DAY_0.plus(Duration.ofDays(45)));
            RetentionReport report = new RetentionService(backups.catalog(), RetentionPolicy.DEFAULT, clock).apply();

            assertThat(report.deleted()).containsExactly(oldFull.archive(), oldIncremental.archive());
            assertThat(objects(target))
                    .allSatisfy(key -> assertThat(key).startsWith(ArchiveLayout.folder(newFull.archive())))
                    .contains(ArchiveLayout.key(newFull.archive(), ArchiveLayout.MANIFEST));
        }
    }

    /** Object keys; S3Proxy's filesystem backend also lists folders ("archives/x/"), which a bucket has not. */
    private static List<String> objects(S3Target target) {
        return target.list("archives/").stream().map(StoredObject::key).filter(key -> !key.endsWith("/")).toList();
    }

    /** The SDK's defaults since 2.30: a flexible checksum on every operation that requires a checksum. */
    private static S3Client rawClient() {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
    }
}
