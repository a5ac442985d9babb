package com.buildfactory.controlplane.application.surface;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RawHttp;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The surface every client meets, tried against the running server: strict input, problem details from every layer. */
class StrictSurfaceTest {

    private static final String ITEMS = "/api/control-plane/items";
    private static final String ALLOWED_ORIGIN = "https://board.example.org";

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;
    static JdbcTemplate jdbc;
    static String item;

    @BeforeAll
    static void start() {
        service = RunningService.start(dataDir, Map.of("control-plane.cors.allowed-origins", ALLOWED_ORIGIN));
        api = service.api();
        jdbc = service.bean(JdbcTemplate.class);
        Api.Response created = api.post(ITEMS, TestTokens.ADMIN, Items.simple("SUR-1")).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        item = "wi-SUR-1";
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static long events() {
        return jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.body()).as(answer.toString()).contains("\"status\":" + status).doesNotContain("<html");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void bodiesThatAreNotJsonAre415AndChangeNothing() {
        long before = events();
        for (String type : new String[] {"*/*", "application/*", "multipart/form-data; boundary=x", "text/plain",
                "garbage"}) {
            Api.Response refused = api.patch(ITEMS + "/" + item, TestTokens.ADMIN, "{\"title\":\"New\"}")
                    .header("Content-Type", type).send();
            assertProblem(refused, 415);
            assertProblem(api.post(Items.actionPath(item, "mark-ready"), TestTokens.ADMIN, "{\"note\":\"a\"}")
                    .header("Content-Type", type).send(), 415);
        }
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void jsonIsReadStrictly() {
        long before = events();
        String criterion = ITEMS + "/" + item + "/done-criteria/works";
        for (String body : new String[] {"{\"met\":123}", "{\"met\":\"false\"}", "{\"met\":true,\"met\":false}",
                "{\"met\":false}garbage", "{\"met\":false} {}", "{\"met\":null}"}) {
            assertProblem(api.put(criterion, TestTokens.ADMIN, body).send(), 400);
        }
        assertProblem(api.patch(ITEMS + "/" + item, TestTokens.ADMIN, "{\"title\":123}").send(), 400);
        assertProblem(api.post(Items.actionPath(item, "record-history"), TestTokens.ADMIN, "{\"note\":\"a\"}garbage")
                .send(), 400);
        assertThat(events()).isEqualTo(before);
        Api.Response fine = api.put(criterion, TestTokens.ADMIN, "{\"met\":true}").send();
        assertThat(fine.status()).as(fine.toString()).isEqualTo(200);
    }

    @Test
    void timesOutsideTheSaneRangeAre400() {
        long before = events();
        for (String time : new String[] {"-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z"}) {
            assertProblem(api.post(ITEMS + "/" + item + "/signals", TestTokens.ADMIN,
                    "{\"signal\":\"status\",\"value\":\"queued\",\"observedAt\":\"" + time + "\"}").send(), 400);
            assertProblem(api.get(ITEMS + "/" + item + "?asOf=" + time.replace("+", "%2B"), TestTokens.ADMIN)
                    .send(), 400);
        }
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void cursorsWithExtremeValuesAre400() {
        for (String cursor : new String[] {"drift:-999999999-01-01T00:00:00Z|1", "drift:+1000000000-01-01T00:00:00Z|1",
                "drift:2026-01-01T00:00:00Z|-9223372036854775808", "drift:2026-01-01T00:00:00Z|99999999999999999999"}) {
            assertProblem(api.get("/api/control-plane/drift?cursor=" + encode(cursor), TestTokens.ADMIN).send(), 400);
        }
        for (String cursor : new String[] {"items:-9223372036854775808", "items:99999999999999999999", "items:-1"}) {
            assertProblem(api.get(ITEMS + "?cursor=" + encode(cursor), TestTokens.ADMIN).send(), 400);
        }
        assertProblem(api.get(ITEMS + "/" + item + "/history?cursor=" + encode("history:" + item + ":-7"),
                TestTokens.ADMIN).send(), 400);
        assertProblem(api.get(ITEMS + "?limit=99999999999", TestTokens.ADMIN).send(), 400);
    }

    @Test
    void requestsTomcatRefusesAreProblemDetailsToo() {
        int port = service.port();
        for (String path : new String[] {ITEMS + "/a%2Fb", ITEMS + "/a%5Cb", ITEMS + "/a%00b", ITEMS + "?limit[]=1"}) {
            assertProblem(RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestTokens.ADMIN + "\r\n", null), 400);
        }
        assertProblem(RawHttp.send(port, "POST " + ITEMS + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: abc\r\n", "{}"), 400);
        assertProblem(RawHttp.send(port, "GET " + ITEMS + " HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Padding: " + "x".repeat(9 * 1024) + "\r\n", null), 400);
    }

    @Test
    void theErrorPageAndUnreadableAcceptAreProblemDetails() {
        assertProblem(api.get("/error", null).send(), 404);
        assertProblem(api.get("/error", TestTokens.ADMIN).send(), 404);
        assertProblem(api.get(ITEMS, TestTokens.ADMIN).header("Accept", "garbage").send(), 406);
        assertProblem(api.get(ITEMS + "/wi-NOPE-1", TestTokens.ADMIN).header("Accept", "text/html").send(), 404);
        assertProblem(api.get("/no/such/page", null).send(), 404);
    }

    @Test
    void aMissingPermissionAnswersBeforeTheItemIsRead() {
        Api.Response existing = api.post(Items.actionPath(item, "complete"), TestTokens.READER, null).send();
        Api.Response missing = api.post(Items.actionPath("wi-NOPE-9", "complete"), TestTokens.READER, null).send();
        Api.Response malformed = api.post(Items.actionPath("not-an-id", "complete"), TestTokens.READER, null).send();
        assertProblem(existing, 403);
        assertProblem(missing, 403);
        assertProblem(malformed, 403);
        assertThat(withoutInstance(existing)).isEqualTo(withoutInstance(missing)).isEqualTo(withoutInstance(malformed));
        assertThat(existing.json().get("gates")).hasSize(1);
        assertThat(existing.json().at("/gates/0/name").asText()).isEqualTo("permission");
        assertThat(existing.body()).doesNotContain("criteria").doesNotContain("lane-transition");
        assertProblem(api.patch(ITEMS + "/wi-NOPE-9", TestTokens.READER, "{\"title\":\"x\"}").send(), 403);
        assertProblem(api.put(ITEMS + "/wi-NOPE-9/pull-request", TestTokens.READER,
                "{\"url\":\"https://example.org/pr/2\",\"state\":\"open\"}").send(), 403);
        assertProblem(api.post(ITEMS + "/wi-NOPE-9/signals", TestTokens.READER,
                "{\"signal\":\"status\",\"value\":\"queued\"}").send(), 403);
        assertProblem(api.get(ITEMS + "/wi-NOPE-9/history", TestTokens.WORKER.replace("worker", "none")).send(), 401);
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndItsCachePolicy() {
        Api.Response page = api.get(ITEMS + "/" + item, TestTokens.ADMIN).send();
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Cache-Control")).isEqualTo("private, no-cache");
        Api.Response list = api.get(ITEMS, TestTokens.ADMIN).send();
        assertThat(list.header("Cache-Control")).isEqualTo("no-store");
        Api.Response unauthenticated = api.get(ITEMS, null).send();
        assertThat(unauthenticated.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(unauthenticated.header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.get("/api/health", null).send().header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void crossOriginAccessOnlyForNamedOrigins() {
        Api.Response preflight = api.options(ITEMS).header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").send();
        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        Api.Response read = api.get(ITEMS, TestTokens.ADMIN).header("Origin", ALLOWED_ORIGIN).send();
        assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(read.header("Access-Control-Expose-Headers")).contains("ETag");
        Api.Response foreign = api.options(ITEMS).header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST").send();
        assertProblem(foreign, 403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    private static String encode(String cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode withoutInstance(Api.Response response) {
        ObjectNode node = (ObjectNode) response.json().deepCopy();
        node.remove("instance");
        return node;
    }
}
