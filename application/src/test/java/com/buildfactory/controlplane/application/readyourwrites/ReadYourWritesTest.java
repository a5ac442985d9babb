package com.buildfactory.controlplane.application.readyourwrites;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A client reads back what it wrote by sending the version an answer gave it. */
class ReadYourWritesTest {

    private static final String ITEMS = "/api/control-plane/items";

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;

    @BeforeAll
    static void start() {
        service = RunningService.start(dataDir, Map.of("control-plane.read-your-writes.max-wait", "3s"));
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static EventProcessor itemPage() {
        return service.bean(EventProcessingConfiguration.class).eventProcessor("read-models").orElseThrow();
    }

    private static String create(String key) {
        Api.Response created = api.post(ITEMS, TestTokens.ADMIN, Items.simple(key)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Item-Version")).isEqualTo("0");
        return "wi-" + key;
    }

    @Test
    void everyActionAndEditNamesTheVersionAndAReadAtItSeesTheChange() {
        String id = create("RYW-1");
        String[] lanes = {"Ready", "In Progress", "Review", "Done"};
        String[] actions = {"mark-ready", "start-execution", "request-review", "complete"};
        for (int i = 0; i < actions.length; i++) {
            Api.Response moved = api.post(Items.actionPath(id, actions[i]), TestTokens.ADMIN, null).send();
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            String version = moved.header("Item-Version");
            assertThat(moved.header("ETag")).isEqualTo("\"" + version + "\"");
            Api.Response read = api.get(ITEMS + "/" + id, TestTokens.ADMIN).header("Min-Version", version).send();
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().get("version").asLong()).isGreaterThanOrEqualTo(Long.parseLong(version));
            assertThat(read.json().at("/lifecycle/lane").asText()).isEqualTo(lanes[i]);
        }
        Api.Response edited = api.patch(ITEMS + "/" + create("RYW-2"), TestTokens.ADMIN, "{\"title\":\"Renamed\"}")
                .send();
        Api.Response read = api.get(ITEMS + "/wi-RYW-2?minVersion=" + edited.header("Item-Version"),
                TestTokens.ADMIN).send();
        assertThat(read.json().at("/title").asText()).as(read.toString()).isEqualTo("Renamed");
    }

    @Test
    void aReplayedIdempotentAnswerNamesTheSameVersion() {
        String id = create("RYW-5");
        Api.Response first = api.post(Items.actionPath(id, "mark-ready"), TestTokens.ADMIN, null)
                .header("Idempotency-Key", "ryw-5-ready").send();
        Api.Response replayed = api.post(Items.actionPath(id, "mark-ready"), TestTokens.ADMIN, null)
                .header("Idempotency-Key", "ryw-5-ready").send();
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.header("Item-Version")).isEqualTo(first.header("Item-Version")).isEqualTo("1");
    }

    @Test
    void aReadWaitsForTheProjectionAndIsAnsweredWhenItCatchesUp() throws Exception {
        String id = create("RYW-3");
        awaitPage(id, 0);
        EventProcessor processor = itemPage();
        processor.shutDown();
        CompletableFuture<Api.Response> waiting;
        try {
            Api.Response moved = api.post(Items.actionPath(id, "mark-ready"), TestTokens.ADMIN, null).send();
            String version = moved.header("Item-Version");
            Api.Response refused = api.get(ITEMS + "/" + id, TestTokens.ADMIN).header("Min-Version", version).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.json().get("minVersion").asLong()).isEqualTo(Long.parseLong(version));
            assertThat(refused.json().get("heldVersion").asLong()).isEqualTo(0);
            waiting = CompletableFuture.supplyAsync(() ->
                    api.get(ITEMS + "/" + id, TestTokens.ADMIN).header("Min-Version", version).send());
        } finally {
            processor.start();
        }
        Api.Response answered = waiting.get(10, TimeUnit.SECONDS);
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.json().at("/lifecycle/lane").asText()).isEqualTo("Ready");
    }

    @Test
    void versionsNeverGivenOutAndMalformedOnesAre400() {
        String id = create("RYW-4");
        assertThat(api.get(ITEMS + "/" + id, TestTokens.ADMIN).header("Min-Version", "99").send().status())
                .isEqualTo(400);
        for (String bad : new String[] {"-1", "abc", "1e3", "99999999999999999999"}) {
            Api.Response refused = api.get(ITEMS + "/" + id, TestTokens.ADMIN).header("Min-Version", bad).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api.get(ITEMS + "/" + id + "?minVersion=0&asOf=0", TestTokens.ADMIN).send().status())
                .isEqualTo(400);
        assertThat(api.get(ITEMS + "/wi-NOPE-4", TestTokens.ADMIN).header("Min-Version", "0").send().status())
                .isEqualTo(404);
    }

    private static void awaitPage(String id, long version) {
        Api.Response read = api.get(ITEMS + "/" + id, TestTokens.ADMIN).header("Min-Version", Long.toString(version))
                .send();
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
    }
}
