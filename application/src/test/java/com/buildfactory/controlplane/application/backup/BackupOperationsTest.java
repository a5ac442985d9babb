package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.application.cli.OperationsCli;
import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runbook's backup and restore commands, run for real: backup on demand through the API, the drill, then the
 * service stopped, `restore --from latest` from the command line into a fresh data folder, and the service
 * started there with every item back and its read model rebuilt by replay.
 */
class BackupOperationsTest {

    @TempDir
    Path live;
    @TempDir
    Path restored;

    @Test
    void backupDrillAndRestoreFromTheCommandLine() throws Exception {
        List<Map<String, Object>> liveEvents;
        try (RunningService service = RunningService.start(live, Map.of("control-plane.backup.schedule", "false"))) {
            Api api = service.api();
            for (int i = 1; i <= 5; i++) {
                api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("BK-" + i)).send();
                api.post(Items.actionPath("wi-BK-" + i, "mark-ready"), TestTokens.ADMIN, null).send();
            }
            Api.Response forbidden = api.post("/api/admin/backups", TestTokens.WORKER, null).send();
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(api.post("/api/admin/backups?kind=sideways", TestTokens.ADMIN, null).send().status())
                    .isEqualTo(400);

            Api.Response backup = api.post("/api/admin/backups?kind=full", TestTokens.ADMIN, null).send();
            assertThat(backup.status()).as(backup.toString()).isEqualTo(201);
            assertThat(backup.json().get("eventCount").asInt()).isEqualTo(10);

            awaitProjection(service.jdbc(), 5);
            Api.Response drill = api.post("/api/admin/backups/drill", TestTokens.ADMIN, null).send();
            assertThat(drill.status()).as(drill.toString()).isEqualTo(200);
            assertThat(drill.json().get("passed").asBoolean()).isTrue();
            assertThat(drill.json().get("detail").asText()).contains("5 items compared");

            JsonNode status = api.get("/api/admin/backups", TestTokens.ADMIN).send().json();
            assertThat(status.at("/health/up").asBoolean()).isTrue();
            assertThat(status.at("/status/archives/0/verified").asBoolean()).isTrue();
            assertThat(status.at("/status/lastDrill/passed").asBoolean()).isTrue();
            assertThat(api.get("/api/health", TestTokens.ADMIN).send().json().at("/components/backup/status").asText())
                    .isEqualTo("UP");
            liveEvents = service.jdbc().queryForList(
                    "SELECT globalIndex, aggregateIdentifier, sequenceNumber, payload, metaData FROM DomainEventEntry"
                            + " ORDER BY globalIndex");
        }

        Path restoredDb = restored.resolve("control-plane.db");
        Cli refused = cli("restore", "--from", "full-20000101T000000Z-1-2", "--db", restoredDb.toString(),
                "--control-plane.storage.data-dir=" + live);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("Refused");
        assertThat(Files.exists(restoredDb)).isFalse();

        Cli restore = cli("restore", "--from", "latest", "--db", restoredDb.toString(),
                "--control-plane.storage.data-dir=" + live);
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored 10 events");

        Cli usage = cli("restore", "--db", restoredDb.toString());
        assertThat(usage.exitCode()).isEqualTo(2);

        try (RunningService service = RunningService.start(restored,
                Map.of("control-plane.backup.schedule", "false"))) {
            JdbcTemplate jdbc = service.jdbc();
            List<Map<String, Object>> restoredEvents = jdbc.queryForList(
                    "SELECT globalIndex, aggregateIdentifier, sequenceNumber, payload, metaData FROM DomainEventEntry"
                            + " ORDER BY globalIndex");
            assertThat(restoredEvents).hasSameSizeAs(liveEvents);
            for (int i = 0; i < liveEvents.size(); i++) {
                assertThat(restoredEvents.get(i).get("globalIndex")).isEqualTo(liveEvents.get(i).get("globalIndex"));
                assertThat((byte[]) restoredEvents.get(i).get("payload"))
                        .isEqualTo((byte[]) liveEvents.get(i).get("payload"));
                assertThat((byte[]) restoredEvents.get(i).get("metaData"))
                        .isEqualTo((byte[]) liveEvents.get(i).get("metaData"));
            }
            awaitProjection(jdbc, 5);
            Api.Response page = service.api().get("/api/control-plane/items/wi-BK-3", TestTokens.ADMIN).send();
            assertThat(page.json().at("/lifecycle/lane").asText()).isEqualTo("Ready");
        }
    }

    private static void awaitProjection(JdbcTemplate jdbc, int items) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (jdbc.queryForObject("SELECT count(*) FROM item_page WHERE version >= 1", Integer.class) >= items) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The item read model did not reach " + items + " items");
    }

    private record Cli(int exitCode, String out, String err) {
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new OperationsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
