package com.buildfactory.controlplane.application.contract;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the running service from its own contract: for every operation, requests generated from the document's
 * parameters and schemas, many of them hostile. No answer may be a 5xx the operation does not document, nor any
 * status it does not document, and every error must be problem details. The seed is printed; rerun one with
 * {@code -Dcontract.fuzz.seed=N}.
 */
class ContractFuzzTest {

    private static final int REQUESTS_PER_OPERATION = Integer.getInteger("contract.fuzz.requests", 40);
    private static final long SEED = Long.getLong("contract.fuzz.seed", System.nanoTime());
    /** Real archive jobs and drills, seconds each: driven without permission only (BackupOperationsTest runs them). */
    private static final Set<String> ADMIN_EXCLUDED = Set.of("POST /api/admin/backups",
            "POST /api/admin/backups/drill");
    private static final Map<String, List<String>> KNOWN = Map.of(
            "id", List.of("wi-FUZZ-1", "wi-FUZZ-2", "wi-NOPE-1", "tok_nope"),
            "action", List.of("mark-ready", "start-execution", "request-review", "request-changes", "complete",
                    "prepare-release", "record-history", "create-follow-up", "reconcile", "teleport"),
            "criterion", List.of("works", "nope"),
            "name", List.of("read-models", "item-page", "nope"),
            "version", List.of("0", "1", "3", "x"),
            "lane", List.of("backlog", "ready", "in-progress", "review", "done"),
            "workType", List.of("feature", "bug", "operations"),
            "item", List.of("wi-FUZZ-1", "wi-NOPE-1"));
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;
    static RunningService service;
    static JsonNode contract;

    @BeforeAll
    static void start() {
        service = RunningService.start(dataDir, Map.of("control-plane.read-your-writes.max-wait", "200ms"));
        Api api = service.api();
        for (String key : new String[] {"FUZZ-1", "FUZZ-2"}) {
            assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple(key)).send().status())
                    .isEqualTo(201);
        }
        contract = api.get("/api/openapi", null).send().json();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void noOperationAnswersOutsideItsContract() {
        Random random = new Random(SEED);
        RequestGenerator generator = new RequestGenerator(contract, random);
        List<String> violations = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int sent = 0;
        var paths = contract.get("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            var operations = path.getValue().fields();
            while (operations.hasNext()) {
                var operation = operations.next();
                String method = operation.getKey().toUpperCase();
                for (int i = 0; i < REQUESTS_PER_OPERATION; i++) {
                    String token = token(random, ADMIN_EXCLUDED.contains(method + " " + path.getKey()));
                    Answer answer = send(generator, random, method, path.getKey(), operation.getValue(), token);
                    if (answer == null) {
                        continue;
                    }
                    sent++;
                    statuses.merge(answer.status(), 1, Integer::sum);
                    check(answer, operation.getValue(), violations);
                }
            }
        }
        System.out.println("Contract fuzz, seed " + SEED + ": " + sent + " requests, answers by status " + statuses);
        assertThat(sent).as("requests sent").isGreaterThan(500);
        assertThat(statuses.keySet()).as("the requests reach past validation into the service").contains(200, 400,
                401, 403, 404);
        assertThat(violations).as("seed " + SEED + ", " + sent + " requests").isEmpty();
        assertThat(service.api().get("/api/health", null).send().status()).isEqualTo(200);
    }

    private static String token(Random random, boolean adminExcluded) {
        int roll = random.nextInt(10);
        if (adminExcluded) {
            return roll < 7 ? TestTokens.READER : null;
        }
        return roll < 8 ? TestTokens.ADMIN : roll < 9 ? TestTokens.READER : null;
    }

    private static Answer send(RequestGenerator generator, Random random, String method, String pathTemplate,
                               JsonNode operation, String token) {
        String path = pathTemplate;
        StringBuilder query = new StringBuilder();
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30));
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.get("name").asText();
            boolean required = parameter.path("required").asBoolean(false);
            if (!required && random.nextInt(10) < 5) {
                continue;
            }
            String value = generator.parameter(name, parameter.get("schema"), KNOWN.getOrDefault(name, List.of()));
            switch (parameter.get("in").asText()) {
                case "path" -> path = path.replace("{" + name + "}", encode(value));
                case "query" -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                        .append(encode(value));
                case "header" -> {
                    if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && value.length() < 4000) {
                        request.header(name, value);
                    }
                }
                default -> {
                    // cookies: none in this contract
                }
            }
        }
        String body = null;
        JsonNode requestBody = operation.path("requestBody");
        if (!requestBody.isMissingNode() && random.nextInt(10) < 9) {
            body = RequestGenerator.json(generator.body(requestBody.at("/content/application~1json/schema")));
            if (random.nextInt(15) == 0) {
                body = body + "garbage";
            }
        }
        if (body != null) {
            request.header("Content-Type", random.nextInt(15) == 0 ? "text/plain" : "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.uri(URI.create("http://127.0.0.1:" + service.port() + path + query));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                boolean stream = response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("text/event-stream");
                text = stream ? "" : new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            }
            return new Answer(method + " " + path + query + (body == null ? "" : " " + abbreviate(body)),
                    pathTemplate, method, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), abbreviate(text));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + query, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(Answer answer, JsonNode operation, List<String> violations) {
        JsonNode documented = operation.get("responses");
        String code = Integer.toString(answer.status());
        if (!documented.has(code) && !documented.has("default")) {
            violations.add("undocumented " + code + ": " + answer);
            return;
        }
        boolean drillReport = answer.template().equals("/api/admin/backups/drill");
        if (answer.status() >= 400 && !drillReport && !answer.contentType().startsWith("application/problem+json")) {
            violations.add("not problem details: " + answer);
        }
        if (answer.status() >= 500 && answer.status() != 503) {
            violations.add("server error: " + answer);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private record Answer(String request, String template, String method, int status, String contentType,
                          String body) {
        @Override
        public String toString() {
            return request + " -> " + status + " " + contentType + " " + body;
        }
    }
}
