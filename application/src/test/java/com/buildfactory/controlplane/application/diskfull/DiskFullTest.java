package com.buildfactory.controlplane.application.diskfull;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Eventually;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.Mounts;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data folder is a real 6 MB tmpfs, filled up while the service runs: health is DOWN before any command fails
 * (the data folder's free space, not the working directory's), commands answer 507 naming SQLITE_FULL
 * and store nothing, health's database component says it cannot write (503), reads keep working; once space is
 * freed, writes resume without a restart, and every item ever acknowledged is in the log.
 */
class DiskFullTest {

    @TempDir
    Path temp;

    @Test
    void aFullDiskAnswers507StoresNothingAndWritesResumeOnceSpaceIsFreed() throws Exception {
        Assumptions.assumeTrue(Mounts.available(), "needs the right to mount (root) for a small real file system");
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        Mounts.tmpfs(dataDir, "6m");
        List<String> acknowledged = new ArrayList<>();
        try {
            try (RunningService service = RunningService.start(dataDir, Map.of("control-plane.backup.schedule", "false",
                    "management.health.diskspace.threshold", "1MB"))) {
                Api api = service.api();
                assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("DF-1")).send().status())
                        .isEqualTo(201);
                acknowledged.add("wi-DF-1");
                Path filler = fill(dataDir);

                Api.Response idleFull = api.get("/api/health", TestTokens.ADMIN).send();
                assertThat(idleFull.status()).as("a full disk shows before any command fails").isEqualTo(503);
                assertThat(idleFull.json().at("/components/diskSpace/status").asText()).isEqualTo("DOWN");
                assertThat(idleFull.json().at("/components/diskSpace/details/path").asText())
                        .isEqualTo(dataDir.toAbsolutePath().toString());

                Api.Response refused = null;
                for (int i = 1; i <= 5_000 && refused == null; i++) {
                    Api.Response created = api.post("/api/control-plane/items", TestTokens.ADMIN,
                            Items.simple("DF-" + (100 + i))).send();
                    if (created.status() == 201) {
                        acknowledged.add("wi-DF-" + (100 + i));
                    } else {
                        refused = created;
                    }
                }
                assertThat(refused).as("the disk filled up").isNotNull();
                assertThat(refused.status()).as(refused.toString()).isEqualTo(507);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(refused.json().get("type").asText()).endsWith("disk-full");
                assertThat(refused.json().get("detail").asText()).contains("SQLITE_FULL").contains("nothing was stored");

                Api.Response health = api.get("/api/health", TestTokens.ADMIN).send();
                assertThat(health.status()).isEqualTo(503);
                JsonNode database = health.json().at("/components/database");
                assertThat(database.get("status").asText()).isEqualTo("DOWN");
                assertThat(database.at("/details/writable").asBoolean()).isFalse();
                assertThat(database.at("/details/cause").asText()).isEqualTo("SQLITE_FULL");
                assertThat(api.get("/api/control-plane/items/wi-DF-1", TestTokens.ADMIN).send().status())
                        .as("reads keep working").isEqualTo(200);

                Files.delete(filler);
                Eventually.await(Duration.ofSeconds(60), () -> api.get("/api/health", TestTokens.ADMIN).send(),
                        response -> response.json().at("/components/database/status").asText().equals("UP"),
                        "the database is writable again once space is freed");
                Api.Response resumed = api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("DF-99999"))
                        .send();
                assertThat(resumed.status()).as(resumed.toString()).isEqualTo(201);
                acknowledged.add("wi-DF-99999");
            }
            assertThat(storedItems(dataDir)).containsAll(acknowledged);
            assertThat(integrityCheck(dataDir)).isEqualTo("ok");
        } finally {
            Mounts.unmount(dataDir);
        }
    }

    /** Writes a file until the file system refuses: every byte left is taken. */
    private static Path fill(Path folder) throws IOException {
        Path filler = folder.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 64 * 1024; i++) {
                out.write(0);
                out.flush();
            }
        } catch (IOException lastBytes) {
            // every last byte is taken now
        }
        return filler;
    }

    private static List<String> storedItems(Path dataDir) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("control-plane.db"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT aggregateIdentifier FROM DomainEventEntry WHERE sequenceNumber = 0")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static String integrityCheck(Path dataDir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("control-plane.db"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
