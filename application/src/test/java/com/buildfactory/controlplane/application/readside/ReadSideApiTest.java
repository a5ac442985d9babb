package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.buildfactory.controlplane.application.support.TestTokens.ADMIN;
import static com.buildfactory.controlplane.application.support.TestTokens.READER;
import static org.assertj.core.api.Assertions.assertThat;

/** Truth signals, queue truth, drift, board, queue, history, snapshots, time travel and audit over HTTP. */
class ReadSideApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void aDoneItemWithConsistentSignalsShowsTheSeedsQueueTruth() {
        String id = create("QT-1");
        moveTo(id, "mark-ready", "start-execution", "request-review", "complete");

        JsonNode truth = ReadSide.freshPage(api, id).get("queueTruth");

        assertThat(truth.at("/freshness/text").asText()).isEqualTo("Fresh (snapshot age 0s)");
        assertThat(truth.get("drift").asText()).isEqualTo("none.");
        assertThat(truth.get("reconciliationGuidance").get(0).asText())
                .isEqualTo("No reconciliation required; item truth signals are consistent.");
    }

    @Test
    void aReportedSignalThatDisagreesIsDriftAndReconcileResolvesIt() {
        String id = create("QT-2");
        moveTo(id, "mark-ready", "start-execution", "request-review");

        Api.Response reported = signal(id, "status", "done", ADMIN);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(reported.json().at("/lifecycle/status").asText()).isEqualTo("done");
        JsonNode truth = reported.json().get("queueTruth");
        assertThat(truth.get("drift").asText()).isEqualTo("status done while the lane is Review.");
        assertThat(truth.at("/drifts/0/resolvingAction").asText()).isEqualTo("complete");
        assertThat(actionNamed(reported.json(), "reconcile").get("enabled").asBoolean()).isTrue();

        JsonNode drift = ReadSide.await(() -> api.get("/api/control-plane/drift", READER).send().json(),
                list -> contains(list.get("items"), id));
        assertThat(itemIn(drift.get("items"), id).at("/drifts/0/summary").asText())
                .isEqualTo("status done while the lane is Review");

        Api.Response reconciled = api.post(Items.actionPath(id, "reconcile"), ADMIN, null).send();
        assertThat(reconciled.status()).as(reconciled.toString()).isEqualTo(200);
        assertThat(reconciled.json().at("/lifecycle/lane").asText()).isEqualTo("Done");
        assertThat(reconciled.json().at("/queueTruth/drift").asText()).isEqualTo("none.");
        ReadSide.await(() -> api.get("/api/control-plane/drift", READER).send().json(),
                list -> !contains(list.get("items"), id));
    }

    @Test
    void theDriftListShowsTheOldestDriftFirstAPageAtATime() {
        Map<String, String> observed = Map.of("DR-1", "2020-01-03T00:00:00Z", "DR-2", "2020-01-01T00:00:00.5Z",
                "DR-3", "2020-01-01T00:00:00.25Z");
        for (String key : List.of("DR-1", "DR-2", "DR-3")) {
            create(key);
            assertThat(api.post("/api/control-plane/items/wi-" + key + "/signals", ADMIN, "{\"signal\":\"status\","
                    + "\"value\":\"done\",\"observedAt\":\"" + observed.get(key) + "\"}").send().status())
                    .isEqualTo(200);
        }
        ReadSide.await(() -> api.get("/api/control-plane/drift", READER).send().json(),
                list -> ids(list.get("items")).containsAll(List.of("wi-DR-1", "wi-DR-2", "wi-DR-3")));

        List<String> firstThree = new ArrayList<>();
        String cursor = "";
        for (int i = 0; i < 3; i++) {
            JsonNode page = api.get("/api/control-plane/drift?limit=1" + (cursor.isEmpty() ? "" : "&cursor=" + cursor),
                    READER).send().json();
            firstThree.add(page.at("/items/0/id").asText());
            cursor = page.get("nextCursor").asText();
        }
        assertThat(firstThree).containsExactly("wi-DR-3", "wi-DR-2", "wi-DR-1");
        assertThat(api.get("/api/control-plane/drift?cursor=" + historyCursorOf("wi-DR-1"), READER).send().status())
                .isEqualTo(400);
    }

    @Test
    void aDoneItemWhosePullRequestClosedCanOnlyBeFollowedUp() {
        String id = create("QT-3");
        moveTo(id, "mark-ready", "start-execution", "request-review", "complete");
        JsonNode page = signal(id, "state", "closed", ADMIN).json();

        assertThat(page.at("/queueTruth/drifts/0/resolvingAction").isNull()).isTrue();
        assertThat(page.at("/queueTruth/reconciliationGuidance/0").asText()).startsWith("None can: Done items stay"
                + " closed. Create a follow-up (create-follow-up)");
        Api.Response blocked = api.post(Items.actionPath(id, "reconcile"), ADMIN, null).send();
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.json().at("/recoveryGuidance/nextStep").asText()).contains("create-follow-up");
    }

    @Test
    void signalsOutsideTheVocabularyOrWithoutPermissionStoreNothing() {
        String id = create("QT-4");
        long events = eventCount();

        assertThat(signal(id, "status", "finished", ADMIN).status()).isEqualTo(400);
        assertThat(signal(id, "mood", "done", ADMIN).status()).isEqualTo(400);
        assertThat(api.post("/api/control-plane/items/" + id + "/signals", ADMIN,
                "{\"signal\":\"status\",\"value\":\"done\",\"observedAt\":\"yesterday\"}").send().status())
                .isEqualTo(400);
        assertThat(signal(id, "status", "done", TestTokens.WORKER).status()).isEqualTo(403);
        assertThat(signal("wi-NOPE-1", "status", "done", ADMIN).status()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void theBoardCountsItemsPerLaneAndTheQueueFollowsTheHandOffs() {
        String first = create("BQ-1");
        String second = create("BQ-2");
        String third = create("BQ-3");
        moveTo(second, "mark-ready", "start-execution");
        moveTo(first, "mark-ready", "start-execution");
        moveTo(third, "mark-ready", "start-execution", "request-review");
        signal(first, "status", "queued", ADMIN);

        JsonNode queue = ReadSide.await(() -> api.get("/api/control-plane/queue", READER).send().json(),
                q -> ids(q.get("items")).containsAll(List.of(second, first)) && !contains(q.get("items"), third)
                        && itemIn(q.get("items"), first).get("status").asText().equals("queued"));
        List<String> order = ids(queue.get("items"));
        assertThat(order.indexOf(second)).isLessThan(order.indexOf(first));

        JsonNode board = ReadSide.await(() -> api.get("/api/control-plane/board?workType=feature", READER).send()
                .json(), b -> contains(lane(b, "Review").get("items"), third));
        long total = 0;
        for (JsonNode lane : board.get("lanes")) {
            total += lane.get("count").asLong();
        }
        assertThat(total).isEqualTo(board.get("count").asLong());
        assertThat(api.get("/api/control-plane/board?workType=poetry", READER).send().status()).isEqualTo(400);
    }

    @Test
    void historyListsEveryEventWithActorLanesAndBlockedGates() {
        String id = create("HI-1");
        moveTo(id, "mark-ready", "start-execution");
        assertThat(api.post(Items.actionPath(id, "complete"), ADMIN, null).send().status()).isEqualTo(409);
        moveTo(id, "request-review");

        JsonNode history = api.get("/api/control-plane/items/" + id + "/history?limit=2", READER).send().json();
        assertThat(history.get("eventCount").asInt()).isEqualTo(5);
        List<JsonNode> events = new ArrayList<>();
        history.get("events").forEach(events::add);
        String cursor = history.get("nextCursor").asText();
        while (!cursor.isEmpty() && !cursor.equals("null")) {
            JsonNode page = api.get("/api/control-plane/items/" + id + "/history?limit=2&cursor=" + cursor, READER)
                    .send().json();
            page.get("events").forEach(events::add);
            cursor = page.path("nextCursor").asText("");
        }
        assertThat(events).extracting(e -> e.get("action").asText())
                .containsExactly("create", "mark-ready", "start-execution", "complete", "request-review");
        assertThat(events).allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("admin"));
        assertThat(events.get(1).get("laneBefore").asText()).isEqualTo("Backlog");
        assertThat(events.get(1).get("laneAfter").asText()).isEqualTo("Ready");
        assertThat(events.get(3).get("outcome").asText()).isEqualTo("blocked");
        assertThat(events.get(3).at("/blockedGates/0/gate").asText()).isEqualTo("lane-transition");
        assertThat(history.get("timeInLanes")).extracting(t -> t.get("lane").asText())
                .containsExactly("Backlog", "Ready", "In Progress", "Review");

        String otherCursor = api.get("/api/control-plane/items/" + create("HI-2") + "/history?limit=1", READER)
                .send().json().get("nextCursor").asText();
        assertThat(api.get("/api/control-plane/items/" + id + "/history?cursor=" + otherCursor, READER).send()
                .status()).isEqualTo(400);
        assertThat(api.get("/api/control-plane/items/" + id + "/history?cursor=garbage!", READER).send().status())
                .isEqualTo(400);
        assertThat(api.get("/api/control-plane/items/wi-NOPE-2/history", READER).send().status()).isEqualTo(404);
    }

    @Test
    void historyShowsThePromptTextOnlyToActorsWhoMaySeeIt() {
        assertThat(api.post("/api/control-plane/items", ADMIN, Items.seed()).send().status()).isEqualTo(201);
        String path = "/api/control-plane/items/wi-BF-276/history";

        JsonNode forAdmin = api.get(path, ADMIN).send().json().at("/events/0/payload/promptContext");
        JsonNode forReader = api.get(path, READER).send().json().at("/events/0/payload/promptContext");

        assertThat(forAdmin.get("text").asText()).isEqualTo(Items.SEED_TEXT);
        assertThat(forReader.get("path").asText()).isEqualTo(forAdmin.get("path").asText());
        assertThat(forReader.get("text").isNull()).isTrue();
    }

    @Test
    void recordHistoryStoresASnapshotOfThePageAsItWas() {
        String id = create("HS-1");
        moveTo(id, "mark-ready");
        moveTo(id, "record-history");
        moveTo(id, "start-execution");

        JsonNode list = ReadSide.await(() -> api.get("/api/control-plane/items/" + id + "/history/snapshots",
                READER).send().json(), l -> l.get("snapshots").size() == 1);
        JsonNode ref = list.at("/snapshots/0");
        assertThat(ref.get("actor").asText()).isEqualTo("admin");
        JsonNode snapshot = api.get(ref.get("path").asText(), READER).send().json();
        assertThat(snapshot.at("/page/lifecycle/lane").asText()).isEqualTo("Ready");
        assertThat(snapshot.at("/page/historical/position").asLong()).isEqualTo(ref.get("position").asLong());
        JsonNode asOf = api.get("/api/control-plane/items/" + id + "?asOf=" + ref.get("position").asLong(), READER)
                .send().json();
        assertThat(asOf.get("lifecycle")).isEqualTo(snapshot.at("/page/lifecycle"));
        assertThat(api.get("/api/control-plane/items/" + id + "/history/snapshots/99", READER).send().status())
                .isEqualTo(404);
    }

    @Test
    void timeTravelRefusesWhatItCannotAnswer() {
        String id = create("TT-1");
        assertThat(api.get("/api/control-plane/items/" + id + "?asOf=last-tuesday", READER).send().status())
                .isEqualTo(400);
        assertThat(api.get("/api/control-plane/items/" + id + "?asOf=2999-01-01T00:00:00Z", READER).send()
                .status()).isEqualTo(400);
        assertThat(api.get("/api/control-plane/items/" + id + "?asOf=2000-01-01T00:00:00Z", READER).send()
                .status()).isEqualTo(404);
        assertThat(api.get("/api/control-plane/items/" + id + "?asOf=999999999", READER).send().status())
                .isEqualTo(400);
        assertThat(api.get("/api/control-plane/items/wi-NOPE-3?asOf=1", READER).send().status()).isEqualTo(404);
    }

    @Test
    void theAuditStreamReadInPagesReproducesTheEventTable() throws Exception {
        create("AU-1");
        moveTo("wi-AU-1", "mark-ready", "start-execution");
        assertThat(api.get("/api/audit/events", READER).send().status()).isEqualTo(403);
        assertThat(api.get("/api/audit/events?after=-3", ADMIN).send().status()).isEqualTo(400);

        JdbcTemplate jdbc = service.jdbc();
        List<Map<String, Object>> table = jdbc.queryForList("SELECT globalIndex, eventIdentifier,"
                + " aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload,"
                + " metaData FROM DomainEventEntry ORDER BY globalIndex");
        List<JsonNode> streamed = new ArrayList<>();
        long after = 0;
        while (true) {
            Api.Response page = api.get("/api/audit/events?after=" + after + "&limit=7", ADMIN).send();
            assertThat(page.header("Content-Type")).startsWith("application/x-ndjson");
            List<String> lines = page.body().lines().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                break;
            }
            for (String line : lines) {
                streamed.add(JSON.readTree(line));
            }
            after = streamed.get(streamed.size() - 1).get("position").asLong();
        }
        assertThat(streamed).hasSize(table.size());
        for (int i = 0; i < table.size(); i++) {
            Map<String, Object> row = table.get(i);
            JsonNode line = streamed.get(i);
            assertThat(line.get("position").asLong()).isEqualTo(((Number) row.get("globalIndex")).longValue());
            assertThat(line.get("eventIdentifier").asText()).isEqualTo(row.get("eventIdentifier"));
            assertThat(line.get("aggregateIdentifier").asText()).isEqualTo(row.get("aggregateIdentifier"));
            assertThat(line.get("sequenceNumber").asLong()).isEqualTo(((Number) row.get("sequenceNumber")).longValue());
            assertThat(line.get("timestamp").asText()).isEqualTo(row.get("timeStamp"));
            assertThat(line.get("payloadType").asText()).isEqualTo(row.get("payloadType"));
            assertThat(line.get("payload")).isEqualTo(JSON.readTree((byte[]) row.get("payload")));
            assertThat(line.get("metaData")).isEqualTo(JSON.readTree((byte[]) row.get("metaData")));
        }
    }

    @Test
    void freshnessTurnsStaleWhileTheProjectionIsHeldBackAndFreshWhenItCatchesUp() {
        String id = create("FR-1");
        ReadSide.freshPage(api, id);
        var processor = service.bean(EventProcessingConfiguration.class).eventProcessor("read-models").orElseThrow();
        processor.shutDown();
        try {
            moveTo(id, "mark-ready", "start-execution");
            ReadSide.sleep(1100);
            JsonNode stale = api.get("/api/control-plane/items/" + id, READER).send().json();
            assertThat(stale.at("/queueTruth/freshness/status").asText()).isEqualTo("Stale");
            assertThat(stale.at("/queueTruth/freshness/eventsBehind").asLong()).isEqualTo(2);
            assertThat(stale.at("/queueTruth/freshness/snapshotAgeSeconds").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(stale.at("/queueTruth/freshness/text").asText()).startsWith("Stale (snapshot age ")
                    .endsWith("s, 2 events behind)");
        } finally {
            processor.start();
        }
        JsonNode fresh = ReadSide.freshPage(api, id);
        assertThat(fresh.at("/lifecycle/lane").asText()).isEqualTo("In Progress");
    }

    @Test
    void projectionAdministrationNeedsAdminAndKnownNames() {
        assertThat(api.get("/api/admin/projections", READER).send().status()).isEqualTo(403);
        JsonNode list = api.get("/api/admin/projections", ADMIN).send().json();
        assertThat(list.get("projections")).extracting(p -> p.get("name").asText())
                .containsExactly("read-models");
        Api.Response unknown = api.post("/api/admin/projections/nope/replay", ADMIN, null).send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    }

    // --- helpers

    static String create(String key) {
        Api.Response created = api.post("/api/control-plane/items", ADMIN, Items.simple(key)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return "wi-" + key;
    }

    static void moveTo(String id, String... actions) {
        for (String action : actions) {
            Api.Response moved = api.post(Items.actionPath(id, action), ADMIN, null).send();
            assertThat(moved.status()).as(action + ": " + moved).isEqualTo(200);
        }
    }

    static Api.Response signal(String id, String signal, String value, String token) {
        return api.post("/api/control-plane/items/" + id + "/signals", token,
                "{\"signal\":\"" + signal + "\",\"value\":\"" + value + "\"}").send();
    }

    static String historyCursorOf(String id) {
        moveTo(id, "record-history");
        return api.get("/api/control-plane/items/" + id + "/history?limit=1", READER).send().json()
                .get("nextCursor").asText();
    }

    static long eventCount() {
        Long count = service.jdbc().queryForObject("SELECT count(*) FROM DomainEventEntry",
                Long.class);
        return count == null ? 0 : count;
    }

    static JsonNode actionNamed(JsonNode page, String identity) {
        for (JsonNode action : page.get("availableActions")) {
            if (action.get("identity").asText().equals(identity)) {
                return action;
            }
        }
        throw new AssertionError("No action " + identity);
    }

    static JsonNode lane(JsonNode board, String label) {
        for (JsonNode lane : board.get("lanes")) {
            if (lane.get("lane").asText().equals(label)) {
                return lane;
            }
        }
        throw new AssertionError("No lane " + label);
    }

    static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    static boolean contains(JsonNode items, String id) {
        return ids(items).contains(id);
    }

    static JsonNode itemIn(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("No item " + id + " in " + items);
    }
}
