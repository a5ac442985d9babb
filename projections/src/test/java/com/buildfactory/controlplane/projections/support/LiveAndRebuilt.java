package com.buildfactory.controlplane.projections.support;

import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.domain.workitem.PullRequest;
import com.buildfactory.controlplane.domain.workitem.PullRequestState;
import com.buildfactory.controlplane.domain.workitem.TruthSignal;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import com.buildfactory.controlplane.domain.workitem.api.ChangesRequested;
import com.buildfactory.controlplane.domain.workitem.api.DriftReconciled;
import com.buildfactory.controlplane.domain.workitem.api.ExecutionStarted;
import com.buildfactory.controlplane.domain.workitem.api.FollowUpCreated;
import com.buildfactory.controlplane.domain.workitem.api.HistoryRecorded;
import com.buildfactory.controlplane.domain.workitem.api.MarkedReady;
import com.buildfactory.controlplane.domain.workitem.api.ReviewRequested;
import com.buildfactory.controlplane.domain.workitem.api.TruthSignalReported;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCompleted;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemCreated;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.fold.FoldBatch;
import com.buildfactory.controlplane.projections.fold.FoldedReadModels;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.storage.sqlite.ReadModelStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small log of three items (lane moves, a signal and its reconciliation, history records, a follow-up) and the
 * two ways the read models are written from it: the processor's batches (one fold per batch, the state read once
 * per item and batch), and the bulk rebuild item by item. Both must leave the same rows, on real SQLite files
 * migrated by the read models' own migrations.
 */
public final class LiveAndRebuilt {

    public static final ItemStateJson JSON = new ItemStateJson(new ObjectMapper().findAndRegisterModules());

    /** One event as the log holds it: payload, sequence in its stream, global position, time and actor. */
    public record Logged(WorkItemEvent event, long sequenceNumber, long position, Instant at, String actor)
            implements LoggedEvent {

        public TrackingToken token() {
            return new GlobalSequenceTrackingToken(position);
        }
    }

    private LiveAndRebuilt() {
    }

    public static List<Logged> log() {
        List<WorkItemEvent> events = List.of(
                created("wi-A", "A", null), created("wi-B", "B", null),
                new MarkedReady("wi-A"), new MarkedReady("wi-B"), new ExecutionStarted("wi-A"),
                new TruthSignalReported("wi-B", TruthSignal.STATUS, "in-progress", "2026-12-01T10:00:00Z"),
                new HistoryRecorded("wi-A", "before review"), new ReviewRequested("wi-A"),
                new DriftReconciled("wi-B", "start-execution", List.of("status in-progress while the lane is Ready")),
                new ExecutionStarted("wi-B"), new ChangesRequested("wi-A"), new ReviewRequested("wi-A"),
                new HistoryRecorded("wi-B", null), new WorkItemCompleted("wi-A"),
                new FollowUpCreated("wi-A", "wi-C"), created("wi-C", "C", "wi-A"));
        Map<String, Long> sequences = new HashMap<>();
        List<Logged> log = new ArrayList<>();
        Instant at = Instant.parse("2026-12-01T09:00:00Z");
        for (int i = 0; i < events.size(); i++) {
            WorkItemEvent event = events.get(i);
            long sequence = sequences.merge(event.itemId(), 1L, Long::sum) - 1;
            log.add(new Logged(event, sequence, i + 1, at.plusSeconds(60L * i), "actor-" + (i % 3)));
        }
        return log;
    }

    /** A fresh read models' file with every read-model table and the token store. */
    public static JdbcTemplate database(Path file) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + file, true);
        ReadModelStore.migrate(dataSource);
        return new JdbcTemplate(dataSource);
    }

    /** The live side, as the processor runs it: the log cut into batches of {@code size} events each. */
    public static void live(List<Logged> log, int size, JdbcTemplate jdbc) {
        FoldedReadModels readModels = new FoldedReadModels(JSON);
        for (int from = 0; from < log.size(); from += size) {
            FoldBatch batch = readModels.batch(jdbc);
            log.subList(from, Math.min(log.size(), from + size)).forEach(batch::apply);
            batch.flush();
        }
    }

    /** Folds each item's events (items in identifier order, as the log is read) and writes its rows once. */
    public static void rebuild(List<Logged> log, JdbcTemplate jdbc) {
        ReadModelRebuild rebuild = new FoldedReadModels(JSON);
        Map<String, List<Logged>> byItem = new TreeMap<>();
        log.forEach(e -> byItem.computeIfAbsent(e.event().itemId(), id -> new ArrayList<>()).add(e));
        RowBatch rows = new RowBatch();
        byItem.values().forEach(events -> {
            ItemFold item = rebuild.newItem();
            events.forEach(item::apply);
            item.writeTo(rows);
        });
        rows.flush(jdbc);
    }

    /**
     * The live side, in batches of every size from one event to the whole log, and the bulk rebuild leave equal
     * rows in {@code tables}, and not none; returns the rebuilt rows.
     */
    public static Map<String, List<Map<String, Object>>> assertLiveEqualsRebuilt(Path folder, List<String> tables) {
        JdbcTemplate rebuiltRows = database(folder.resolve("rebuilt.db"));
        rebuild(log(), rebuiltRows);
        Map<String, List<Map<String, Object>>> rebuilt = dump(rebuiltRows, tables);
        for (int size = 1; size <= log().size(); size++) {
            JdbcTemplate liveRows = database(folder.resolve("live-" + size + ".db"));
            live(log(), size, liveRows);
            assertThat(dump(liveRows, tables)).as("batches of %d events", size).isEqualTo(rebuilt);
        }
        assertThat(rebuilt.get(tables.get(0))).isNotEmpty();
        return rebuilt;
    }

    /**
     * Every batch delivered twice (a batch retried after its commit failed, or met again after a bulk rebuild
     * stored its rows with the token behind them) leaves the rows of one delivery.
     */
    public static void assertAppliedOnce(Path folder, List<String> tables) {
        JdbcTemplate once = database(folder.resolve("once.db"));
        JdbcTemplate twice = database(folder.resolve("twice.db"));
        live(log(), 3, once);
        List<Logged> log = log();
        List<Logged> redelivered = new ArrayList<>();
        for (int from = 0; from < log.size(); from += 3) {
            List<Logged> batch = log.subList(from, Math.min(log.size(), from + 3));
            redelivered.addAll(batch);
            redelivered.addAll(batch);
        }
        live(redelivered, 3, twice);
        JdbcTemplate rebuiltThenLive = database(folder.resolve("rebuilt-then-live.db"));
        rebuild(log, rebuiltThenLive);
        live(log, 4, rebuiltThenLive);
        assertThat(dump(twice, tables)).isEqualTo(dump(once, tables));
        assertThat(dump(rebuiltThenLive, tables)).isEqualTo(dump(once, tables));
    }

    public static Map<String, List<Map<String, Object>>> dump(JdbcTemplate jdbc, List<String> tables) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return rows;
    }

    private static WorkItemCreated created(String id, String key, String followUpOf) {
        return new WorkItemCreated(id, key, "Item " + key, "What " + key + " is for", WorkType.FEATURE,
                "bf/" + key, "./validate.sh",
                new PullRequest("https://example.test/pull/" + key, PullRequestState.OPEN),
                List.of(new DoneCriterion("works", true)), new PromptContext("./" + key + ".md", "context"),
                followUpOf);
    }
}
