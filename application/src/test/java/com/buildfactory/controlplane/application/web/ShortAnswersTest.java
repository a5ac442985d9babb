package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers a client can keep short: {@code Prefer: return=minimal} answers a command with a receipt instead of the
 * page, and {@code If-None-Match} with the version the read model still holds answers 304.
 */
class ShortAnswersTest {

    private static final String ITEMS = "/api/control-plane/items";

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;

    @BeforeAll
    static void start() {
        service = RunningService.start(dataDir, Map.of());
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String createItem(String key) {
        Api.Response created = api.post(ITEMS, TestTokens.ADMIN, Items.simple(key)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return "wi-" + key;
    }

    private static Api.Response act(String id, String action, String prefer) {
        Api.Call call = api.post(Items.actionPath(id, action), TestTokens.ADMIN, null);
        return prefer == null ? call.send() : call.header("Prefer", prefer).send();
    }

    @Test
    void minimalAnswerIsAReceiptThatAgreesWithThePage() {
        String id = createItem("MIN-1");
        Api.Response receipt = act(id, "mark-ready", "return=minimal");
        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(200);
        assertThat(receipt.header("Preference-Applied")).isEqualTo("return=minimal");
        assertThat(receipt.json().get("id").asText()).isEqualTo(id);
        assertThat(receipt.json().get("key").asText()).isEqualTo("MIN-1");
        assertThat(receipt.json().get("lane").asText()).isEqualTo("Ready");
        assertThat(receipt.json().at("/actionResult/outcome").asText()).isEqualTo("applied");
        assertThat(receipt.json().has("availableActions")).isFalse();

        long version = receipt.json().get("version").asLong();
        assertThat(receipt.header("ETag")).isEqualTo("\"" + version + "\"");
        JsonNode page = Awaiting.page(api, id, TestTokens.ADMIN, version);
        assertThat(page.get("version").asLong()).isEqualTo(version);
        assertThat(page.at("/lifecycle/lane").asText()).isEqualTo("Ready");

        Api.Response repeat = act(id, "mark-ready", "respond-async, return=minimal; x=1");
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().at("/actionResult/outcome").asText()).isEqualTo("already-done");
        assertThat(repeat.header("ETag")).isEqualTo(receipt.header("ETag"));
    }

    @Test
    void withoutTheMinimalPreferenceTheAnswerIsThePage() {
        String id = createItem("MIN-2");
        for (String prefer : new String[] {null, "return=representation", "return=minimalist"}) {
            Api.Response answer = act(id, "mark-ready", prefer);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.header("Preference-Applied")).isNull();
            assertThat(answer.json().get("availableActions").size()).isGreaterThan(3);
        }
    }

    @Test
    void aBlockedActionStillAnswersWithItsGuidance() {
        String id = createItem("MIN-3");
        Api.Response blocked = act(id, "complete", "return=minimal");
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(blocked.json().at("/recoveryGuidance/nextStep").asText()).contains("Mark ready");
    }

    @Test
    void pageNotChangedSinceTheNamedVersionIs304() {
        String id = createItem("MIN-4");
        String path = ITEMS + "/" + id;
        Api.Response first = api.get(path, TestTokens.ADMIN).send();
        String etag = first.header("ETag");
        assertThat(etag).isEqualTo("\"0\"");

        // 304 once the read model holds the item (its processor applies the creation shortly after the 201). Until
        // then a page rebuilt from the log answers, and Spring turns it into a 304 for a matching tag but not for *.
        assertThat(api.get(path, TestTokens.ADMIN).header("Min-Version", "0").send().status()).isEqualTo(200);
        Api.Response same = null;
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; ) {
            same = api.get(path, TestTokens.ADMIN).header("If-None-Match", etag).send();
            if (same.status() != 200) {
                break;
            }
        }
        assertThat(same.status()).isEqualTo(304);
        assertThat(same.header("ETag")).isEqualTo(etag);
        assertThat(same.body()).isEmpty();
        assertThat(api.get(path, TestTokens.ADMIN).header("If-None-Match", "W/\"7\", \"0\"").send().status())
                .isEqualTo(304);
        assertThat(api.get(path, TestTokens.ADMIN).header("If-None-Match", "*").send().status()).isEqualTo(304);

        Api.Response moved = act(id, "mark-ready", "return=minimal");
        Awaiting.page(api, id, TestTokens.ADMIN, moved.json().get("version").asLong());
        Api.Response changed = api.get(path, TestTokens.ADMIN).header("If-None-Match", etag).send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo(moved.header("ETag"));
        assertThat(changed.json().at("/lifecycle/lane").asText()).isEqualTo("Ready");

        assertThat(api.get(path, TestTokens.READER).header("If-None-Match", "\"not-a-version\"").send().status())
                .isEqualTo(200);
        assertThat(api.get(ITEMS + "/wi-NOPE-1", TestTokens.ADMIN).header("If-None-Match", "*").send().status())
                .isEqualTo(404);
        assertThat(api.get(path, null).header("If-None-Match", etag).send().status()).isEqualTo(401);
    }

    @Test
    void preferenceParsing() {
        assertThat(ReturnPreference.minimal("return=minimal")).isTrue();
        assertThat(ReturnPreference.minimal("Return = \"minimal\"")).isTrue();
        assertThat(ReturnPreference.minimal("handling=lenient, return=minimal")).isTrue();
        assertThat(ReturnPreference.minimal(null)).isFalse();
        assertThat(ReturnPreference.minimal("")).isFalse();
        assertThat(ReturnPreference.minimal("return=representation")).isFalse();
    }
}
