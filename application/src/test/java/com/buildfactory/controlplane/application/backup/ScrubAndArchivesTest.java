package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.application.cli.OperationsCli;
import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scrubbing through the running service and the command line: every archive listed with its last verification; a
 * byte flipped in a stored archive is found by the next scrub, marked damaged, and a full archive is taken at once,
 * so health stays UP; the `archives` command shows the damage.
 */
class ScrubAndArchivesTest {

    @TempDir
    Path dataDir;

    @Test
    void aScrubFindsAFlippedByteMarksTheArchiveAndTakesAFullOneAtOnce() throws Exception {
        String damagedName;
        try (RunningService service = RunningService.start(dataDir, Map.of("control-plane.backup.schedule", "false"))) {
            Api api = service.api();
            api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("SC-1")).send();
            Api.Response full = api.post("/api/admin/backups?kind=full", TestTokens.ADMIN, null).send();
            assertThat(full.status()).isEqualTo(201);
            damagedName = full.json().get("archive").asText();

            Api.Response clean = api.post("/api/admin/backups/scrub", TestTokens.ADMIN, null).send();
            assertThat(clean.status()).as(clean.toString()).isEqualTo(200);
            assertThat(clean.json().get("checked").asInt()).isEqualTo(1);
            assertThat(clean.json().get("damaged")).isEmpty();
            JsonNode listed = api.get("/api/admin/backups", TestTokens.ADMIN).send().json().at("/status/archives/0");
            assertThat(listed.at("/lastVerification/by").asText()).isEqualTo("scrub");
            assertThat(listed.at("/lastVerification/passed").asBoolean()).isTrue();
            assertThat(api.post("/api/admin/backups/scrub", TestTokens.WORKER, null).send().status()).isEqualTo(403);

            Path events = dataDir.resolve("backups/archives").resolve(damagedName).resolve("events.ndjson.gz");
            byte[] bytes = Files.readAllBytes(events);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(events, bytes);

            Api.Response found = api.post("/api/admin/backups/scrub", TestTokens.ADMIN, null).send();
            assertThat(found.json().get("damaged").get(0).asText()).isEqualTo(damagedName);
            JsonNode status = api.get("/api/admin/backups", TestTokens.ADMIN).send().json();
            assertThat(status.at("/status/archives/0/damaged").asBoolean()).isTrue();
            assertThat(status.at("/status/archives/0/lastVerification/detail").asText()).contains("corrupted");
            assertThat(status.at("/status/archives/1/kind").asText()).as("a full archive taken at once")
                    .isEqualTo("full");
            assertThat(status.at("/status/archives/1/damaged").asBoolean()).isFalse();
            assertThat(status.at("/health/up").asBoolean()).isTrue();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new OperationsCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .run(new String[] {"archives", "--control-plane.storage.data-dir=" + dataDir});
        String listing = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("a damaged archive is listed: exit 1").isEqualTo(1);
        assertThat(listing).contains(damagedName).contains("DAMAGED").contains("by scrub, FAILED");
        assertThat(listing.lines().filter(line -> line.startsWith("full-")).count()).isEqualTo(2);
    }
}
