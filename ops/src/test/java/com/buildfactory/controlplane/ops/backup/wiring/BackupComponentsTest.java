package com.buildfactory.controlplane.ops.backup.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.buildfactory.controlplane.ops.backup.DrillReport;
import com.buildfactory.controlplane.ops.backup.EventStoreFixture;
import com.buildfactory.controlplane.ops.restore.RestoreRequest;
import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import com.buildfactory.controlplane.ops.target.S3Target;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupComponentsTest {

    @TempDir
    Path temp;

    @Test
    void withoutABucketAFreshInstallBacksUpToTheLocalFolderAndRestoresFromIt() throws Exception {
        EventStoreFixture store = new EventStoreFixture(temp.resolve("live.db"), 4, Instant.parse("2026-11-01T00:00:00Z"));
        store.append(300, 1_000);
        BackupSettings settings = new BackupSettings(store.database(), temp.resolve("data/backups"), null, "0.1.0",
                null, null, temp.resolve("data/backup-work"), temp.resolve("data/backup-status.json"), null);
        try (BackupComponents backups = new BackupComponents(settings, Clock.systemUTC())) {
            assertThat(backups.target()).isInstanceOf(LocalFolderTarget.class);
            BackupRun run = backups.backupService().ship();
            assertThat(run.outcome()).as(run.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
            DrillReport drill = backups.drillService().drill();
            assertThat(drill.passed()).as(drill.detail()).isTrue();
            backups.retentionService().apply();
            backups.restoreService().restore(RestoreRequest.latest(temp.resolve("restored.db")));
            assertThat(EventStoreFixture.events(temp.resolve("restored.db")))
                    .isEqualTo(EventStoreFixture.events(store.database()));
            assertThat(backups.backupService().status().lastDrill()).isEqualTo(drill);
        }
    }

    @Test
    void theBucketAndKeyComeFromTheEnvironment() {
        BackupSettings settings = BackupSettings.fromEnvironment(temp.resolve("live.db"), "0.1.0", Map.of(
                "CONTROL_PLANE_BACKUP_S3_ENDPOINT", "https://s3.us-west-004.backblazeb2.com",
                "CONTROL_PLANE_BACKUP_S3_REGION", "us-west-004",
                "CONTROL_PLANE_BACKUP_S3_BUCKET", "factory-backups",
                "CONTROL_PLANE_BACKUP_S3_PREFIX", "control-plane",
                "CONTROL_PLANE_BACKUP_S3_ACCESS_KEY_ID", "004abc",
                "CONTROL_PLANE_BACKUP_S3_SECRET_ACCESS_KEY", "K004secret",
                "CONTROL_PLANE_BACKUP_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
        assertThat(settings.s3().prefix()).isEqualTo("control-plane/");
        assertThat(settings.s3().toString()).doesNotContain("K004secret");
        assertThat(settings.encryptionKey()).isNotNull();
        try (BackupComponents backups = new BackupComponents(settings, Clock.systemUTC())) {
            assertThat(backups.target()).isInstanceOf(S3Target.class);
            assertThat(backups.target().describe())
                    .isEqualTo("s3://factory-backups/control-plane/ at https://s3.us-west-004.backblazeb2.com");
        }
        assertThatThrownBy(() -> BackupSettings.fromEnvironment(temp, "0.1.0",
                Map.of("CONTROL_PLANE_BACKUP_S3_BUCKET", "b")))
                .hasMessageContaining("CONTROL_PLANE_BACKUP_S3_ENDPOINT is not");
        assertThat(BackupSettings.fromEnvironment(temp, "0.1.0", Map.of()).s3()).isNull();
    }
}
