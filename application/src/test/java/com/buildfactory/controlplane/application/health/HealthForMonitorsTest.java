package com.buildfactory.controlplane.application.health;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Eventually;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an uptime monitor sees, over real HTTP from the running service: the status alone without a token, the
 * runbook's codes (UP 200, DEGRADED 200, DOWN 503), and the backup group at /api/health/backup that answers 503
 * as soon as backups are not healthy.
 */
class HealthForMonitorsTest {

    /** The status and the names of the health groups (Spring lists them; they reveal nothing about the host). */
    private static final String STATUS_ALONE = "{\"status\":\"%s\",\"groups\":[\"backup\"]}";

    @TempDir
    Path dataDir;

    @Test
    void withoutATokenOnlyTheStatusAndDetailsNeedFactoryAdmin() {
        try (RunningService service = RunningService.start(dataDir, Map.of("control-plane.backup.schedule", "false"))) {
            Api api = service.api();
            Api.Response anonymous = api.get("/api/health", null).send();
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.body()).isEqualTo(STATUS_ALONE.formatted("UP"));

            Api.Response reader = api.get("/api/health", TestTokens.READER).send();
            assertThat(reader.body()).isEqualTo(STATUS_ALONE.formatted("UP"));

            Api.Response admin = api.get("/api/health", TestTokens.ADMIN).send();
            assertThat(admin.json().at("/components/database/details/writable").asBoolean()).isTrue();
            assertThat(admin.json().at("/components/backup/details/target").asText()).contains(dataDir.toString());

            Api.Response unknown = api.get("/api/health", "not-a-token").send();
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");

            assertThat(api.get("/api/health/database", null).send().status()).isEqualTo(404);
        }
    }

    @Test
    void downAnswers503WhileTheDatabaseCannotBeWrittenAndUpAgainAfter() throws Exception {
        try (RunningService service = RunningService.start(dataDir, Map.of("control-plane.backup.schedule", "false",
                "control-plane.storage.busy-timeout", "300ms"))) {
            Api api = service.api();
            Eventually.await(Duration.ofSeconds(30), () -> api.get("/api/health", null).send(),
                    response -> response.status() == 200, "health UP after start");
            try (Connection intruder = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("control-plane.db"));
                 Statement statement = intruder.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                Api.Response down = Eventually.await(Duration.ofSeconds(30), () -> api.get("/api/health", null).send(),
                        response -> response.status() == 503, "health 503 while another process holds the write lock");
                assertThat(down.body()).isEqualTo(STATUS_ALONE.formatted("DOWN"));
                Api.Response detail = api.get("/api/health", TestTokens.ADMIN).send();
                assertThat(detail.status()).isEqualTo(503);
                assertThat(detail.json().at("/components/database/status").asText()).isEqualTo("DOWN");
                statement.execute("ROLLBACK");
            }
            Eventually.await(Duration.ofSeconds(90), () -> api.get("/api/health", null).send(),
                    response -> response.status() == 200, "health UP again once the lock is released");
        }
    }

    @Test
    void aFailedBackupIsDegradedWith200OnHealthAnd503OnTheBackupGroup() throws Exception {
        Path notAFolder = Files.writeString(dataDir.resolve("not-a-folder"), "a file where the backups should go");
        try (RunningService service = RunningService.start(dataDir, Map.of("control-plane.backup.schedule", "false",
                "control-plane.backup.local-folder", notAFolder.resolve("backups").toString()))) {
            Api api = service.api();
            assertThat(api.get("/api/health/backup", null).send().body())
                    .as("a fresh instance has one max-age of grace for its first archive").isEqualTo("{\"status\":\"UP\"}");

            assertThat(api.post("/api/admin/backups?kind=full", TestTokens.ADMIN, null).send().status()).isEqualTo(502);

            Api.Response health = api.get("/api/health", null).send();
            assertThat(List.of(health.status(), health.body())).containsExactly(200, STATUS_ALONE.formatted("DEGRADED"));
            Api.Response backup = api.get("/api/health/backup", null).send();
            assertThat(List.of(backup.status(), backup.body())).containsExactly(503, "{\"status\":\"DEGRADED\"}");
            assertThat(api.get("/api/health/backup", TestTokens.ADMIN).send().json()
                    .at("/components/backup/details/detail").asText()).contains("last backup run failed");
        }
    }
}
