package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import com.buildfactory.controlplane.domain.workitem.api.ChangesRequested;
import com.buildfactory.controlplane.domain.workitem.api.DoneCriterionMarked;
import com.buildfactory.controlplane.domain.workitem.api.ExecutionStarted;
import com.buildfactory.controlplane.domain.workitem.api.HistoryRecorded;
import com.buildfactory.controlplane.domain.workitem.api.MarkedReady;
import com.buildfactory.controlplane.domain.workitem.api.ReviewRequested;
import com.buildfactory.controlplane.domain.workitem.api.TruthSignalReported;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCompleted;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static com.buildfactory.controlplane.application.support.TestTokens.ADMIN;

/**
 * Measurements for the notes, not a check: run with {@code -Dreadside.bench=true}. Replays each projection over a
 * log of 100,000 events, then measures how long a command's effect takes to show on the item page under a steady
 * command load.
 */
@EnabledIfSystemProperty(named = "readside.bench", matches = "true")
class ReadSideBenchmarkTest {

    @TempDir
    Path dataDir;

    @Test
    void replayRateOn100kEventsAndFreshnessLagUnderSteadyLoad() throws Exception {
        try (RunningService service = RunningService.start(dataDir, Map.of())) {
            Api api = service.api();
            long appending = System.nanoTime();
            appendItems(service, Integer.getInteger("readside.bench.items", 10_000));
            ProjectionReplays replays = service.bean(ProjectionReplays.class);
            for (String name : replays.names()) {
                ReadSide.await(() -> replays.caughtUp(name), done -> done, 600);
            }
            System.out.printf("BENCH appended 100k events and all projections caught up live in %.1f s%n",
                    (System.nanoTime() - appending) / 1e9);
            for (String name : replays.names()) {
                api.post("/api/admin/projections/" + name + "/replay", ADMIN, null).send();
                JsonNode done = awaitReplay(api, name);
                System.out.println("BENCH replay " + name + ": " + done.get("replay"));
            }
            freshnessUnderLoad(api, Integer.getInteger("readside.bench.rate", 100), 20);
        }
    }

    private static JsonNode awaitReplay(Api api, String name) {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode status = api.get("/api/admin/projections/" + name, ADMIN).send().json();
            if (status.at("/replay/completedAt").isTextual()) {
                return status;
            }
            ReadSide.sleep(20);
        }
        throw new AssertionError("replay of " + name + " did not finish");
    }

    /** Ten events per item, appended straight to the store in batches: a log to replay, not a command test. */
    private static void appendItems(RunningService service, int items) {
        EventStore store = service.bean(EventStore.class);
        TransactionManager tx = service.bean(TransactionManager.class);
        MetaData actor = MetaData.with("actor", "bench");
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            String id = "wi-BN-" + i;
            List<Object> events = List.of(
                    new WorkItemCreated(id, "BN-" + i, "Bench " + i, "Generated", WorkType.FEATURE, "bf/BN-" + i,
                            "./validate", null, List.of(new DoneCriterion("works", false)), null, null),
                    new TruthSignalReported(id, TruthSignal.STATUS, "queued", "2026-11-28T09:00:00Z"),
                    new MarkedReady(id), new ExecutionStarted(id), new ReviewRequested(id),
                    new ChangesRequested(id), new ReviewRequested(id), new DoneCriterionMarked(id, "works", true),
                    new WorkItemCompleted(id), new HistoryRecorded(id, "bench"));
            for (int seq = 0; seq < events.size(); seq++) {
                batch.add(new GenericDomainEventMessage<>("WorkItem", id, seq, events.get(seq), actor));
            }
            if (batch.size() >= 2000 || i == items) {
                List<DomainEventMessage<?>> append = List.copyOf(batch);
                tx.executeInTransaction(() -> store.publish(append));
                batch.clear();
            }
        }
    }

    /** {@code rate} commands/s for {@code seconds}; after each, the time until the page shows its version. */
    private static void freshnessUnderLoad(Api api, int rate, int seconds) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String key = "FL-" + i;
            api.post("/api/control-plane/items", ADMIN, Items.simple(key)).send();
            ids.add("wi-" + key);
        }
        String[] cycle = {"mark-ready", "start-execution", "request-review", "request-changes"};
        List<Long> lagsMicros = new ArrayList<>();
        List<Long> staleAges = new ArrayList<>();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int n = 0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            long due = start + n * intervalNanos;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            String id = ids.get(n % ids.size());
            String action = cycle[(n / ids.size()) % cycle.length];
            Api.Response moved = api.post(Items.actionPath(id, action), ADMIN, null).send();
            long acked = System.nanoTime();
            long version = Long.parseLong(moved.header("ETag").replace("\"", ""));
            while (true) {
                JsonNode page = api.get("/api/control-plane/items/" + id, ADMIN).send().json();
                if (page.get("version").asLong() >= version) {
                    break;
                }
                staleAges.add(page.at("/queueTruth/freshness/eventsBehind").asLong());
            }
            lagsMicros.add((System.nanoTime() - acked) / 1000);
            n++;
        }
        Collections.sort(lagsMicros);
        System.out.printf("BENCH freshness under %d commands/s for %ds: %d commands, page shows the command after"
                        + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %d reads saw Stale%n", rate,
                seconds, n, pct(lagsMicros, 50), pct(lagsMicros, 95), pct(lagsMicros, 99),
                lagsMicros.get(lagsMicros.size() - 1) / 1000.0, staleAges.size());
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }
}
