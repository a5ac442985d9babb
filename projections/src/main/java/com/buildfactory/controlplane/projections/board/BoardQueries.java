package com.buildfactory.controlplane.projections.board;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the board (from the item page's columns) and the execution queue (with the item page's state). */
public class BoardQueries {

    private final JdbcTemplate jdbc;
    private final ItemStateJson json;

    public BoardQueries(JdbcTemplate jdbc, ItemStateJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Items per lane (in lane order, at most {@code perLane} each, oldest first) and each lane's full count. */
    public Map<Lane, LaneColumn> board(WorkType workType, int perLane) {
        Map<Lane, LaneColumn> columns = new LinkedHashMap<>();
        for (Lane lane : Lane.values()) {
            StringBuilder filter = new StringBuilder(" WHERE lane = ?");
            List<Object> args = new ArrayList<>(List.of(lane.slug()));
            if (workType != null) {
                filter.append(" AND work_type = ?");
                args.add(workType.slug());
            }
            Long count = jdbc.queryForObject("SELECT count(*) FROM item_page" + filter, Long.class, args.toArray());
            args.add(perLane);
            List<ItemState> items = jdbc.query("SELECT state_json FROM item_page" + filter
                    + " ORDER BY created_position LIMIT ?", (rs, n) -> json.read(rs.getString(1)), args.toArray());
            columns.put(lane, new LaneColumn(lane, count == null ? 0 : count, items));
        }
        return columns;
    }

    /** The execution queue in hand-off order. */
    public List<QueuedItem> queue(int limit) {
        return jdbc.query("SELECT p.state_json, q.queued_position, q.queued_at FROM execution_queue q"
                        + " JOIN item_page p ON p.item_id = q.item_id ORDER BY q.queued_position LIMIT ?",
                (rs, n) -> new QueuedItem(json.read(rs.getString(1)), rs.getLong(2), Instant.parse(rs.getString(3))),
                limit);
    }

    public long queueLength() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM execution_queue", Long.class);
        return count == null ? 0 : count;
    }

    public record LaneColumn(Lane lane, long count, List<ItemState> items) {
    }

    public record QueuedItem(ItemState state, long queuedPosition, Instant queuedAt) {
    }
}
