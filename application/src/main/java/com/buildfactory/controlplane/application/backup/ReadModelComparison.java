package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.ops.drill.RestoredStoreCheck;
import com.buildfactory.controlplane.ops.restore.RestoreResult;
import com.buildfactory.controlplane.projections.itempage.ItemPageProjection;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
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
 * The drill's proof that a restore is usable: rebuild the item read model from the restored log with the same
 * projection code, and compare it row by row with the live read model for every item that has not changed since
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

    private void rebuild(JdbcTemplate scratch, Connection connection, Connection log) throws Exception {
        ItemPageProjection projection = new ItemPageProjection(scratch, json);
        connection.setAutoCommit(false);
        scratch.update("DELETE FROM item_page");
        SqliteEventTables.events(log, -1, Long.MAX_VALUE, Long.MAX_VALUE, entry -> {
            Object payload = eventSerializer.deserialize(new SimpleSerializedObject<>(entry.payload(), byte[].class,
                    entry.payloadType(), entry.payloadRevision()));
            if (payload instanceof WorkItemEvent event) {
                projection.apply(event, entry.sequenceNumber(), Instant.parse(entry.timeStamp()), entry.position());
            }
        });
        connection.commit();
        connection.setAutoCommit(true);
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
