package com.buildfactory.controlplane.application.contract;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract the service serves: equal to the committed docs/openapi.json (regenerate it with
 * {@code -Dcontract.update=true}), complete in its error answers, and browsable without leaving the jar.
 */
class ContractTest {

    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;
    static JsonNode served;

    @BeforeAll
    static void start() {
        service = RunningService.start(dataDir, Map.of());
        api = service.api();
        Api.Response contract = api.get("/api/openapi", null).send();
        assertThat(contract.status()).as(contract.toString()).isEqualTo(200);
        served = contract.json();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theServedContractEqualsTheCommittedCopy() throws IOException {
        String text = JSON.writeValueAsString(JSON.treeToValue(served, Object.class)) + "\n";
        if (Boolean.getBoolean("contract.update")) {
            Files.writeString(COMMITTED, text, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/openapi.json is what the service serves; regenerate with -Dcontract.update=true")
                .isEqualTo(text);
    }

    @Test
    void itIsOpenApi31WithEveryOperationAndItsHeaders() {
        assertThat(served.get("openapi").asText()).startsWith("3.1");
        JsonNode paths = served.get("paths");
        for (String path : new String[] {"/api/control-plane/items", "/api/control-plane/items/{id}",
                "/api/control-plane/items/{id}/actions/{action}", "/api/control-plane/items/{id}/signals",
                "/api/control-plane/items/{id}/pull-request", "/api/control-plane/items/{id}/done-criteria/{criterion}",
                "/api/control-plane/items/{id}/history", "/api/control-plane/drift", "/api/control-plane/board",
                "/api/control-plane/queue", "/api/audit/events", "/api/audit/tokens", "/api/admin/tokens",
                "/api/admin/tokens/{id}", "/api/admin/projections", "/api/feed/events", "/api/health"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        JsonNode action = paths.at("/~1api~1control-plane~1items~1{id}~1actions~1{action}/post");
        assertThat(action.get("parameters").findValuesAsText("name"))
                .contains("If-Match", "Prefer", "Idempotency-Key");
        assertThat(action.at("/responses/200/headers").has("Item-Version")).isTrue();
        assertThat(action.at("/responses/409/content/application~1problem+json/examples/seed/value/gates/0/name")
                .asText()).isEqualTo("lane-transition");
        JsonNode read = paths.at("/~1api~1control-plane~1items~1{id}/get");
        assertThat(read.get("parameters").findValuesAsText("name")).contains("If-None-Match", "Min-Version", "asOf");
        assertThat(read.at("/responses/200/content/application~1json/examples/seed/value/id").asText())
                .isEqualTo("wi-BF-276");
        assertThat(read.get("responses").has("304")).isTrue();
        assertThat(paths.at("/~1api~1control-plane~1items/post/requestBody/content/application~1json/examples/seed"
                + "/value/key").asText()).isEqualTo("BF-276");
    }

    @Test
    void everyErrorAnswerIsProblemDetails() {
        List<String> notProblems = new ArrayList<>();
        served.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            Iterator<Map.Entry<String, JsonNode>> responses = op.getValue().get("responses").fields();
            responses.forEachRemaining(response -> {
                int code = Integer.parseInt(response.getKey());
                boolean drillReport = path.getKey().equals("/api/admin/backups/drill") && code == 409;
                if (code >= 400 && !drillReport && !response.getValue().at("/content").has("application/problem+json")) {
                    notProblems.add(op.getKey() + " " + path.getKey() + " " + code);
                }
            });
            assertThat(op.getValue().get("responses").has("400")).as(path.getKey()).isTrue();
            assertThat(op.getValue().get("responses").has("500")).as(path.getKey()).isTrue();
        }));
        assertThat(notProblems).isEmpty();
        assertThat(served.at("/components/schemas/Problem/properties").has("recoveryGuidance")).isTrue();
    }

    @Test
    void theInteractivePageComesFromTheJar() {
        Api.Response redirect = api.get("/api/docs", null).send();
        assertThat(redirect.status()).isEqualTo(302);
        String page = redirect.header("Location");
        Api.Response index = api.get(page, null).send();
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).startsWith("text/html");
        assertThat(index.body()).contains("swagger-ui").doesNotContain("https://").doesNotContain("cdn");
        String base = page.substring(0, page.lastIndexOf('/') + 1);
        Api.Response bundle = api.get(base + "swagger-ui-bundle.js", null).send();
        assertThat(bundle.status()).isEqualTo(200);
        Api.Response initializer = api.get(base + "swagger-initializer.js", null).send();
        assertThat(initializer.body()).contains("/api/openapi").doesNotContain("petstore");
        assertThat(api.get("/api/openapi.yaml", null).send().body()).startsWith("openapi: 3.1");
    }
}
