package com.buildfactory.controlplane.projections.itempage;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.projections.support.Evolution;
import com.buildfactory.controlplane.projections.support.ItemRows;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.projections.support.ReadModel;
import com.buildfactory.controlplane.projections.support.RowBatch;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The item page: one row per item with its whole state, its version and the columns that lists and the board filter
 * on. It is also the read side's one copy of each item's state: a batch reads an item's version and state from here
 * once ({@link #stored}), the board, queue truth and freshness read the state from here, and no other read model
 * keeps one. A row is written once per item per batch, with the state after the batch's last event of the item.
 */
public final class ItemPageRows implements ReadModel {

    static final List<String> CLEAR = List.of("DELETE FROM item_page");

    /** The one column list of an item row: at the item's creation, live or in a rebuild. */
    static final String INSERT = "INSERT INTO item_page (item_id, item_key, lane, work_type, version,"
            + " created_position, last_position, created_at, updated_at, state_json) VALUES (?,?,?,?,?,?,?,?,?,?)";

    static final String UPDATE = "UPDATE item_page SET lane = ?, work_type = ?, version = ?, last_position = ?,"
            + " updated_at = ?, state_json = ? WHERE item_id = ?";

    private final ItemStateJson json;

    public ItemPageRows(ItemStateJson json) {
        this.json = json;
    }

    /** An item's version and state as stored, if the read models hold it: where a batch starts its fold. */
    public record Stored(long version, String stateJson) {
    }

    public static Optional<Stored> stored(JdbcTemplate jdbc, String itemId) {
        return jdbc.query("SELECT version, state_json FROM item_page WHERE item_id = ?",
                (rs, n) -> new Stored(rs.getLong(1), rs.getString(2)), itemId).stream().findFirst();
    }

    @Override
    public List<String> clearStatements() {
        return CLEAR;
    }

    @Override
    public ItemRows newItem(boolean stored) {
        return new ItemRows() {
            private LoggedEvent created;
            private LoggedEvent last;
            private ItemState state;
            private long version;

            @Override
            public void apply(Evolution evolution, LoggedEvent event) {
                if (evolution.created()) {
                    created = event;
                }
                last = event;
                state = evolution.after();
                version = evolution.version();
            }

            @Override
            public void writeTo(RowBatch rows) {
                if (last == null) {
                    return;
                }
                Instant updatedAt = last.at();
                if (!stored) {
                    Instant createdAt = created == last ? updatedAt : created.at();
                    rows.add(INSERT, state.id(), state.key(), state.lane().slug(), state.workType().slug(), version,
                            created.position(), last.position(), createdAt.toString(), updatedAt.toString(),
                            json.write(state));
                    return;
                }
                rows.add(UPDATE, state.lane().slug(), state.workType().slug(), version, last.position(),
                        updatedAt.toString(), json.write(state), state.id());
            }
        };
    }
}
