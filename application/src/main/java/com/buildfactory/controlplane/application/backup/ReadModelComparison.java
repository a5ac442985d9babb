package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.ops.drill.RestoredStoreCheck;
import com.buildfactory.controlplane.ops.restore.RestoreResult;
import com.buildfactory.controlplane.projections.fold.FoldBatch;
import com.buildfactory.controlplane.projections.fold.FoldedReadModels;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.storage.sqlite.ReadModelStore;
import com.buildfactory.controlplane.storage.sqlite.SqliteEventTables;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The drill's proof that a restore is usable: rebuild the read models from the restored log with the same fold and
 * row rules as the live processor, and compare the item read model it row by row with the live read model for every item that has not changed since
 * the archived position (items changed since then cannot be compared and are counted as such).
 */
public class ReadModelComparison implements RestoredStoreCheck {

    private final JdbcTemplate live;
    private final Serializer eventSerializer;
    private final ItemStateJson json;

    public ReadModelComparison(JdbcTemplate live, Serializer eventSerializer, ItemStateJson json) {
        this.live = live;
        this.eventSerializer = eventSerializer;
        this.json = json;
    }

    @Override
    public Outcome check(RestoreResult restored) throws Exception {
        // The restored file holds the log only; its read model is built in a scratch read-models file beside it.
        Path scratchFile = restored.database().resolveSibling(restored.database().getFileName() + ".read-models");
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + scratchFile, true);
        try (Connection log = DriverManager.getConnection("jdbc:sqlite:" + restored.database())) {
            ReadModelStore.migrate(dataSource);
            JdbcTemplate scratch = new JdbcTemplate(dataSource);
            rebuild(scratch, dataSource.getConnection(), log);
            return compare(scratch, restored.lastPosition());
        } finally {
            dataSource.destroy();
            Files.deleteIfExists(scratchFile);
        }
    }

    /** The live processor's batches (of {@link #BATCH} events), replayed on the scratch file in log order. */
    private void rebuild(JdbcTemplate scratch, Connection connection, Connection log) throws Exception {
        FoldedReadModels readModels = new FoldedReadModels(json);
        connection.setAutoCommit(false);
        readModels.clearStatements().forEach(scratch::update);
        FoldBatch batch = readModels.batch(scratch);
        int[] events = {0};
        SqliteEventTables.events(log, -1, Long.MAX_VALUE, Long.MAX_VALUE, entry -> {
            Object payload = eventSerializer.deserialize(new SimpleSerializedObject<>(entry.payload(), byte[].class,
                    entry.payloadType(), entry.payloadRevision()));
            if (payload instanceof WorkItemEvent event) {
                batch.apply(new Replayed(event, entry.sequenceNumber(), entry.position(),
                        Instant.parse(entry.timeStamp()), null));
                if (++events[0] % BATCH == 0) {
                    batch.flush();
                }
            }
        });
        batch.flush();
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static final int BATCH = 1000;

    /** An event read from the restored log; only the item page is compared, which needs no actor. */
    private record Replayed(WorkItemEvent event, long sequenceNumber, long position, Instant at, String actor)
            implements LoggedEvent {
    }

    private Outcome compare(JdbcTemplate scratch, long archivedPosition) {
        Map<String, Row> rebuilt = rows(scratch, "SELECT item_id, version, state_json, last_position FROM item_page");
        Map<String, Row> current = rows(live, "SELECT item_id, version, state_json, last_position FROM item_page"
                + " WHERE created_position <= " + archivedPosition);
        int compared = 0;
        int changedSince = 0;
        for (Map.Entry<String, Row> entry : current.entrySet()) {
            Row liveRow = entry.getValue();
            if (liveRow.lastPosition() > archivedPosition) {
                changedSince++;
                continue;
            }
            Row rebuiltRow = rebuilt.get(entry.getKey());
            if (rebuiltRow == null || rebuiltRow.version() != liveRow.version()
                    || !Objects.equals(json.read(rebuiltRow.stateJson()), json.read(liveRow.stateJson()))) {
                return new Outcome(false, "Item " + entry.getKey() + " rebuilt from the archive differs from the"
                        + " live read model at position " + archivedPosition);
            }
            compared++;
        }
        if (rebuilt.size() != current.size()) {
            return new Outcome(false, "The archive rebuilds " + rebuilt.size() + " items, the live read model has "
                    + current.size() + " created up to position " + archivedPosition);
        }
        return new Outcome(true, "Item read model rebuilt from the archive equals the live one: " + compared
                + " items compared, " + changedSince + " changed since the archive");
    }

    private static Map<String, Row> rows(JdbcTemplate jdbc, String sql) {
        Map<String, Row> rows = new HashMap<>();
        List<Row> list = jdbc.query(sql, (rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3),
                rs.getLong(4)));
        list.forEach(row -> rows.put(row.itemId(), row));
        return rows;
    }

    private record Row(String itemId, long version, String stateJson, long lastPosition) {
    }
}
