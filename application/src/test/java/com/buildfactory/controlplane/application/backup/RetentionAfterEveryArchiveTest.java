package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Eventually;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.Mounts;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention runs after every archive, the scheduled shipping run included, and a retention run that fails shows in
 * health and the backup status instead of only in the log. The failure is real: the archive folder retention must
 * delete is remounted read-only.
 */
class RetentionAfterEveryArchiveTest {

    @TempDir
    Path dataDir;

    @Test
    void shippingIsFollowedByRetentionAndAFailedRetentionDegradesBackups() {
        Assumptions.assumeTrue(Mounts.available(), "needs the right to mount (root) for a read-only folder");
        Path backups = dataDir.resolve("backups");
        try (RunningService service = RunningService.start(dataDir, Map.of("control-plane.backup.schedule", "false",
                "control-plane.backup.keep-for", "1s", "control-plane.backup.full-interval", "1s"))) {
            Api api = service.api();
            BackupJobs jobs = service.bean(BackupJobs.class);
            api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("RT-1")).send();
            BackupRun first = succeeded(jobs.ship());

            BackupRun second = succeeded(shipOnceOlder(jobs, first));
            JsonNode status = api.get("/api/admin/backups", TestTokens.ADMIN).send().json().get("status");
            assertThat(status.at("/lastRetention/succeeded").asBoolean()).isTrue();
            assertThat(status.at("/lastRetention/deletedArchives").asInt()).isEqualTo(1);
            assertThat(status.get("archives").findValuesAsText("name")).containsExactly(second.archive());

            Path secondFolder = backups.resolve("archives").resolve(second.archive());
            Mounts.readOnly(secondFolder);
            try {
                succeeded(shipOnceOlder(jobs, second));
            } finally {
                Mounts.unmount(secondFolder);
            }
            status = api.get("/api/admin/backups", TestTokens.ADMIN).send().json();
            assertThat(status.at("/status/lastRetention/succeeded").asBoolean()).isFalse();
            assertThat(status.at("/status/lastRetention/detail").asText()).contains("Read-only file system");
            assertThat(status.at("/health/detail").asText()).startsWith("last retention run failed");
            assertThat(api.get("/api/health", null).send().json().get("status").asText()).isEqualTo("DEGRADED");
            assertThat(api.get("/api/health/backup", null).send().status()).isEqualTo(503);
            assertThat(api.get("/api/health", TestTokens.ADMIN).send().json()
                    .at("/components/backup/details/lastRetention/succeeded").asBoolean()).isFalse();
        }
    }

    /** Waits until the previous archive is older than the one-second window, then ships. */
    private static BackupRun shipOnceOlder(BackupJobs jobs, BackupRun previous) {
        Eventually.await(Duration.ofSeconds(5), Instant::now,
                now -> now.isAfter(previous.startedAt().plusSeconds(2)), "the previous archive leaves the window");
        return jobs.ship();
    }

    private static BackupRun succeeded(BackupRun run) {
        assertThat(run.outcome()).as(run.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        return run;
    }
}
