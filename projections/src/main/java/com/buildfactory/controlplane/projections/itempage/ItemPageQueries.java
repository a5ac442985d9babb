package com.buildfactory.controlplane.projections.itempage;

import com.buildfactory.controlplane.domain.workitem.Lane;
import com.buildfactory.controlplane.domain.workitem.WorkType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the item read model: one item, or a page of items in creation order. */
public class ItemPageQueries {

    private static final String COLUMNS =
            "SELECT state_json, version, created_position, last_position, created_at, updated_at FROM item_page";

    private final JdbcTemplate jdbc;
    private final ItemStateJson json;
    private final RowMapper<StoredItem> mapper;

    public ItemPageQueries(JdbcTemplate jdbc, ItemStateJson json) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = (rs, n) -> new StoredItem(this.json.read(rs.getString(1)), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6)));
    }

    public Optional<StoredItem> find(String itemId) {
        return jdbc.query(COLUMNS + " WHERE item_id = ?", mapper, itemId).stream().findFirst();
    }

    /** The version the read model holds for the item, without reading its state: for conditional reads. */
    public OptionalLong version(String itemId) {
        List<Long> versions = jdbc.queryForList("SELECT version FROM item_page WHERE item_id = ?", Long.class, itemId);
        return versions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(versions.get(0));
    }

    /** Items created after {@code afterPosition}, oldest first, at most {@code limit}. */
    public List<StoredItem> list(Lane lane, WorkType workType, long afterPosition, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE created_position > ?");
        List<Object> args = new ArrayList<>(List.of(afterPosition));
        if (lane != null) {
            sql.append(" AND lane = ?");
            args.add(lane.slug());
        }
        if (workType != null) {
            sql.append(" AND work_type = ?");
            args.add(workType.slug());
        }
        sql.append(" ORDER BY created_position LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), mapper, args.toArray());
    }
}
