package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request gets its own 4xx problem detail, and nothing stored changes. */
class ApiErrorsTest {

    private static final String ITEMS = "/api/control-plane/items";

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        service = RunningService.start(dataDir, Map.of("control-plane.limits.body-bytes", "200000"));
        api = service.api();
        jdbc = service.jdbc();
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

    private static long events() {
        return jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }

    private static void assertProblem(Api.Response response, int status, String kind) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).endsWith(":" + kind);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void missingOrUnknownTokenIs401() {
        assertProblem(api.get(ITEMS, null).send(), 401, "unauthenticated");
        Api.Response unknown = api.get(ITEMS, "not-a-token").send();
        assertProblem(unknown, 401, "unauthenticated");
        assertThat(unknown.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void crossOriginAccessIsOffByDefault() {
        Api.Response preflight = api.options(ITEMS).header("Origin", "https://board.example.org")
                .header("Access-Control-Request-Method", "GET").send();
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        Api.Response read = api.get(ITEMS, TestTokens.ADMIN).header("Origin", "https://board.example.org").send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void healthNeedsNoToken() {
        Api.Response health = api.get("/api/health", null).send();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        Api.Response details = api.get("/api/health", TestTokens.ADMIN).send();
        assertThat(details.json().at("/components/database/status").asText()).isEqualTo("UP");
        assertThat(details.json().at("/components/eventProcessors/details/read-models/running").asBoolean()).isTrue();
    }

    @Test
    void missingPermissionIs403WithGuidanceAndRecordsNothing() {
        String id = createItem("ERR-1");
        long before = events();
        Api.Response refused = api.post(Items.actionPath(id, "mark-ready"), TestTokens.READER, null).send();
        assertProblem(refused, 403, "permission-missing");
        assertThat(refused.json().get("permission").asText()).isEqualTo("factory.work-item.triage");
        assertThat(refused.json().at("/gates/0/name").asText()).isEqualTo("permission");
        assertThat(refused.json().at("/recoveryGuidance/cause").asText())
                .isEqualTo("Actor reader lacks permission factory.work-item.triage.");
        assertThat(events()).isEqualTo(before);
        assertProblem(api.post(ITEMS, TestTokens.READER, Items.simple("ERR-2")).send(), 403, "permission-missing");
    }

    @Test
    void unknownItemOrActionIs404() {
        assertProblem(api.get(ITEMS + "/wi-NOPE-1", TestTokens.ADMIN).send(), 404, "not-found");
        assertProblem(api.get(ITEMS + "/not-an-id", TestTokens.ADMIN).send(), 404, "not-found");
        assertProblem(api.post(Items.actionPath("wi-NOPE-1", "mark-ready"), TestTokens.ADMIN, null).send(), 404,
                "not-found");
        String id = createItem("ERR-3");
        Api.Response unknownAction = api.post(Items.actionPath(id, "teleport"), TestTokens.ADMIN, null).send();
        assertProblem(unknownAction, 404, "not-found");
        assertThat(unknownAction.json().get("detail").asText()).contains("mark-ready");
    }

    @Test
    void invalidBodyIs400WithFieldErrorsAndStoresNothing() {
        long before = events();
        Api.Response invalid = api.post(ITEMS, TestTokens.ADMIN,
                "{\"key\":\"bad key\",\"title\":\"\",\"workType\":\"party\"}").send();
        assertProblem(invalid, 400, "invalid-input");
        assertThat(invalid.json().get("errors").findValuesAsText("field")).contains("key", "title", "workType");
        assertProblem(api.post(ITEMS, TestTokens.ADMIN, "{not json").send(), 400, "unreadable-body");
        assertProblem(api.post(ITEMS, TestTokens.ADMIN, "{\"key\":\"ERR-9\",\"title\":\"t\",\"workType\":\"bug\","
                + "\"doneCriteria\":[{\"name\":\"a\"},{\"name\":\"a\"}]}").send(), 400, "invalid-input");
        assertProblem(api.get(ITEMS + "?lane=upside-down", TestTokens.ADMIN).send(), 400, "invalid-input");
        assertProblem(api.get(ITEMS + "?cursor=bm90LWEtY3Vyc29y", TestTokens.ADMIN).send(), 400, "invalid-input");
        assertProblem(api.get(ITEMS + "?limit=0", TestTokens.ADMIN).send(), 400, "invalid-input");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void inputLimitsAre400AndOversizedBodiesAre413() {
        String longTitle = "x".repeat(ItemRequests.TITLE_MAX + 1);
        assertProblem(api.post(ITEMS, TestTokens.ADMIN,
                "{\"key\":\"ERR-10\",\"title\":\"" + longTitle + "\",\"workType\":\"bug\"}").send(), 400,
                "invalid-input");
        String huge = "{\"key\":\"ERR-11\",\"title\":\"t\",\"workType\":\"bug\",\"description\":\""
                + "y".repeat(300_000) + "\"}";
        assertProblem(api.post(ITEMS, TestTokens.ADMIN, huge).send(), 413, "body-too-large");
        assertProblem(api.get(ITEMS + "/wi-ERR-11", TestTokens.ADMIN).send(), 404, "not-found");
    }

    @Test
    void gateBlockedActionIs409AndDuplicateCreateIs409() {
        String id = createItem("ERR-4");
        Api.Response blocked = api.post(Items.actionPath(id, "complete"), TestTokens.ADMIN, null).send();
        assertProblem(blocked, 409, "gate-blocked");
        assertThat(blocked.json().at("/recoveryGuidance/nextStep").asText()).contains("Mark ready");
        Api.Response duplicate = api.post(ITEMS, TestTokens.ADMIN, Items.simple("ERR-4")).send();
        assertProblem(duplicate, 409, "item-exists");
    }

    @Test
    void aFollowUpWithTheItemsOwnKeyIs409AndChangesNothing() {
        String id = createItem("ERR-13");
        for (String action : new String[] {"mark-ready", "start-execution", "request-review", "complete"}) {
            assertThat(api.post(Items.actionPath(id, action), TestTokens.ADMIN, null).send().status()).isEqualTo(200);
        }
        long before = events();
        Api.Response itself = api.post(Items.actionPath(id, "create-follow-up"), TestTokens.ADMIN,
                "{\"followUp\":" + Items.simple("ERR-13") + "}").send();
        assertProblem(itself, 409, "item-exists");
        assertThat(itself.json().get("detail").asText()).contains("ERR-13 is this item's key");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void staleIfMatchIs412AndChangesNothing() {
        String id = createItem("ERR-5");
        Api.Response ready = api.post(Items.actionPath(id, "mark-ready"), TestTokens.ADMIN, null)
                .header("If-Match", "\"0\"").send();
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.header("ETag")).isEqualTo("\"1\"");
        long before = events();
        Api.Response stale = api.post(Items.actionPath(id, "start-execution"), TestTokens.ADMIN, null)
                .header("If-Match", "\"0\"").send();
        assertProblem(stale, 412, "stale-version");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void idempotentRetryReplaysTheFirstAnswerAndAppliesNothingTwice() {
        Api.Response first = api.post(ITEMS, TestTokens.ADMIN, Items.simple("ERR-6"))
                .header("Idempotency-Key", "create-err-6").send();
        long after = events();
        Api.Response retry = api.post(ITEMS, TestTokens.ADMIN, Items.simple("ERR-6"))
                .header("Idempotency-Key", "create-err-6").send();
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events()).isEqualTo(after);

        Api.Response moved = api.post(Items.actionPath("wi-ERR-6", "mark-ready"), TestTokens.ADMIN, null)
                .header("Idempotency-Key", "ready-err-6").send();
        Api.Response movedAgain = api.post(Items.actionPath("wi-ERR-6", "mark-ready"), TestTokens.ADMIN, null)
                .header("Idempotency-Key", "ready-err-6").send();
        assertThat(movedAgain.body()).isEqualTo(moved.body());
        assertThat(movedAgain.json().at("/actionResult/outcome").asText()).isEqualTo("applied");
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs422() {
        api.post(ITEMS, TestTokens.ADMIN, Items.simple("ERR-7")).header("Idempotency-Key", "k-7").send();
        long before = events();
        assertProblem(api.post(ITEMS, TestTokens.ADMIN, Items.simple("ERR-8")).header("Idempotency-Key", "k-7")
                .send(), 422, "idempotency-key-reused");
        assertProblem(api.get(ITEMS + "/wi-ERR-8", TestTokens.ADMIN).send(), 404, "not-found");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void repeatedActionIsAnsweredAsAlreadyDoneWithoutAnEvent() {
        String id = createItem("ERR-12");
        api.post(Items.actionPath(id, "mark-ready"), TestTokens.ADMIN, null).send();
        long before = events();
        Api.Response again = api.post(Items.actionPath(id, "mark-ready"), TestTokens.ADMIN, null).send();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().at("/actionResult/outcome").asText()).isEqualTo("already-done");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void promptContextIsRedactedForActorsWhoMayNotSeeIt() {
        api.post(ITEMS, TestTokens.ADMIN, Items.seed()).send();
        com.fasterxml.jackson.databind.JsonNode page = Awaiting.page(api, "wi-BF-276", TestTokens.WORKER, 0);
        assertThat(page.at("/promptContext/redacted").asBoolean()).isTrue();
        assertThat(page.at("/promptContext/text").isNull()).isTrue();
        assertThat(page.at("/promptContext/path").asText()).isEqualTo("./work-items/prompts/wi-BF-276.prompt.md");
    }
}
