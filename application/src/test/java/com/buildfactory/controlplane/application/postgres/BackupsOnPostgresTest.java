package com.buildfactory.controlplane.application.postgres;

import com.buildfactory.controlplane.application.backup.BackupJobs;
import com.buildfactory.controlplane.application.cli.OperationsCli;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestPostgres;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.archive.CatalogEntry;
import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.buildfactory.controlplane.ops.backup.DrillReport;
import com.buildfactory.controlplane.ops.backup.wiring.BackupComponents;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.buildfactory.controlplane.application.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups with two nodes on one PostgreSQL database and the schedule on: one node takes every run for the cluster
 * (the other skips and says so in health), both report the same run history, an archive run on both at once writes
 * one archive, the drill runs on the lease holder (restoring into a scratch SQLite file) and shows on both, the
 * survivor takes the backups over once the holder stops, and the archive restores with {@code restore --jdbc-url} into a new database that the service then
 * runs on (positions kept, the next command appended after them, read models rebuilt); a second restore into that
 * database is refused and changes nothing.
 */
class BackupsOnPostgresTest {

    static final String EVENTS = "SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type,"
            + " timeStamp, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry";

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;
    @TempDir
    Path dataC;
    @TempDir
    Path archives;
    @TempDir
    Path cli;

    @Test
    void twoNodesWriteOneArchivePerRunAndItRestoresIntoANewDatabase() throws Exception {
        String database = TestPostgres.freshDatabase();
        List<RunningService> nodes = new ArrayList<>();
        try {
            nodes.add(RunningService.start(dataA, properties(database, "node-a")));
            nodes.add(RunningService.start(dataB, properties(database, "node-b")));
            for (int n = 1; n <= 4; n++) {
                RunningService node = nodes.get(n % 2);
                assertThat(node.api().post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("ARC-" + n))
                        .send().status()).isEqualTo(201);
                assertThat(node.api().post(Items.actionPath("wi-ARC-" + n, "mark-ready"), TestTokens.ADMIN, null)
                        .send().status()).isEqualTo(200);
            }
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database));
            long head = jdbc.queryForObject("SELECT max(globalIndex) FROM DomainEventEntry", Long.class);
            BackupComponents backups = nodes.get(0).bean(BackupComponents.class);
            await(Duration.ofSeconds(30), () -> backups.catalog().latest().map(ArchiveManifest::lastPosition)
                    .orElse(0L), last -> last == head, "the scheduled shipping archived the log up to " + head);

            List<CompletableFuture<BackupRun>> both = nodes.stream().map(node -> CompletableFuture.supplyAsync(
                    () -> node.bean(BackupJobs.class).archive(ArchiveKind.FULL))).toList();
            List<BackupRun.Outcome> outcomes = both.stream().map(CompletableFuture::join).map(BackupRun::outcome)
                    .toList();
            assertThat(outcomes).containsExactlyInAnyOrder(BackupRun.Outcome.SUCCEEDED, BackupRun.Outcome.SKIPPED);

            List<CatalogEntry> written = backups.catalog().entries().stream().filter(CatalogEntry::complete).toList();
            assertThat(written.stream().filter(e -> e.name().kind() == ArchiveKind.FULL))
                    .as("the first shipping run's full archive and the one on-demand run's").hasSize(2);
            List<long[]> increments = written.stream().filter(e -> e.name().kind() == ArchiveKind.INCREMENTAL)
                    .map(e -> new long[]{e.name().firstPosition(), e.name().lastPosition()}).toList();
            for (int i = 0; i < increments.size(); i++) {
                for (int j = i + 1; j < increments.size(); j++) {
                    assertThat(increments.get(i)[1] < increments.get(j)[0] || increments.get(j)[1] < increments.get(i)[0])
                            .as("no two incremental archives hold the same events").isTrue();
                }
            }

            RunningService standby = nodes.stream().filter(n -> n.bean(BackupJobs.class).lastStandby() != null)
                    .findFirst().orElseThrow();
            JsonNode backupHealth = standby.api().get("/api/health", TestTokens.ADMIN).send().json()
                    .path("components").path("backup");
            assertThat(backupHealth.path("status").asText()).isEqualTo("UP");
            assertThat(backupHealth.path("details").path("thisNode").asText()).contains("skipped on this node");
            assertThat(backupHealth.path("details").path("backupNode").asText()).startsWith(
                    standby == nodes.get(0) ? "node-b" : "node-a");
            await(Duration.ofSeconds(10), () -> nodes.stream().map(n -> n.bean(BackupComponents.class)
                    .backupService().status().recentRuns()).distinct().count(), count -> count == 1,
                    "both nodes reading the same run history");

            RunningService holder = nodes.get(0) == standby ? nodes.get(1) : nodes.get(0);
            // The drill compares with the live item pages: they must have caught up with the archived log first.
            for (int n = 1; n <= 4; n++) {
                String item = "/api/control-plane/items/wi-ARC-" + n;
                await(Duration.ofSeconds(10), () -> holder.api().get(item, TestTokens.ADMIN).send().json()
                        .path("lifecycle").path("lane").asText(), "Ready"::equals, item + " Ready on its page");
            }
            DrillReport drill = holder.bean(BackupJobs.class).drill();
            assertThat(drill.passed()).as(drill.detail()).isTrue();
            assertThat(standby.bean(BackupJobs.class).drill().detail()).contains("skipped on this node");
            await(Duration.ofSeconds(10), () -> standby.bean(BackupComponents.class).backupService().status()
                    .lastDrill(), last -> last != null && last.passed() && last.startedAt().equals(drill.startedAt()),
                    "the drill the other node ran, in this node's status");

            holder.close();
            nodes.remove(holder);
            assertThat(standby.api().post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("ARC-5")).send()
                    .status()).isEqualTo(201);
            BackupRun takenOver = standby.bean(BackupJobs.class).archive(ArchiveKind.FULL);
            assertThat(takenOver.outcome()).as("the lease given up by the stopped node, taken by the survivor")
                    .isEqualTo(BackupRun.Outcome.SUCCEEDED);
            assertThat(standby.bean(BackupJobs.class).lastStandby()).isNull();

            String restored = TestPostgres.freshDatabase();
            long archived = backups.catalog().latest().orElseThrow().lastPosition();
            assertThat(restore(restored, "--replace")).as("no --replace into PostgreSQL: a usage error").isEqualTo(2);
            assertThat(restore(restored)).isZero();
            JdbcTemplate restoredJdbc = new JdbcTemplate(new DriverManagerDataSource(restored));
            assertThat(rows(restoredJdbc, EVENTS + " ORDER BY globalIndex"))
                    .isEqualTo(rows(jdbc, EVENTS + " WHERE globalIndex <= " + archived + " ORDER BY globalIndex"));
            List<Map<String, Object>> before = rows(restoredJdbc, EVENTS + " ORDER BY globalIndex");
            assertThat(restore(restored)).as("a second restore into a database with events").isEqualTo(1);
            assertThat(rows(restoredJdbc, EVENTS + " ORDER BY globalIndex")).isEqualTo(before);

            try (RunningService onRestored = RunningService.start(dataC, properties(restored, "node-c"))) {
                await(Duration.ofSeconds(20), () -> onRestored.api().get("/api/control-plane/items/wi-ARC-3",
                        TestTokens.ADMIN).send().json().path("lifecycle").path("lane").asText(), "Ready"::equals,
                        "the item page rebuilt from the restored log");
                assertThat(onRestored.api().post(Items.actionPath("wi-ARC-3", "start-execution"), TestTokens.ADMIN,
                        null).send().status()).isEqualTo(200);
                assertThat(restoredJdbc.queryForObject("SELECT max(globalIndex) FROM DomainEventEntry", Long.class))
                        .as("the next command appended right after the restored head").isEqualTo(archived + 1);
            }
        } finally {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        }
    }

    private Map<String, String> properties(String database, String nodeId) {
        Map<String, String> properties = new HashMap<>(TestPostgres.nodeProperties(database, nodeId));
        properties.put("control-plane.backup.local-folder", archives.toString());
        properties.put("control-plane.backup.ship-interval", "1s");
        return properties;
    }

    private int restore(String database, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("restore", "--from", "latest", "--jdbc-url", database,
                "--control-plane.backup.local-folder=" + archives, "--control-plane.storage.data-dir=" + cli));
        args.addAll(List.of(more));
        int exit = new OperationsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        System.out.print(out.toString(StandardCharsets.UTF_8));
        String errors = err.toString(StandardCharsets.UTF_8);
        System.err.print(errors);
        if (exit == 1) {
            assertThat(errors).contains("already holds").contains("Nothing was changed");
        }
        return exit;
    }

    private static List<Map<String, Object>> rows(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForList(sql).stream().map(row -> {
            Map<String, Object> comparable = new HashMap<>();
            row.forEach((column, value) -> comparable.put(column, value instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.ISO_8859_1) : value));
            return comparable;
        }).toList();
    }
}
