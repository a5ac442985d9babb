package com.buildfactory.controlplane.projections.history;

import com.buildfactory.controlplane.domain.workitem.api.HistoryRecorded;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.projections.support.Evolution;
import com.buildfactory.controlplane.projections.support.ItemRows;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.projections.support.ReadModel;
import com.buildfactory.controlplane.projections.support.RowBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores a history snapshot for every HistoryRecorded event: the item's state at that event (a snapshot is that
 * state, so it keeps it as JSON), its log position, time and actor. A snapshot is derived from the log alone, so a
 * replay rebuilds exactly the same snapshots; the fold applies each event once, so none is stored twice.
 */
public final class HistorySnapshotRows implements ReadModel {

    static final List<String> CLEAR = List.of("DELETE FROM history_snapshot");

    /** The one column list of a snapshot. */
    static final String INSERT = "INSERT INTO history_snapshot (item_id, version, position, recorded_at, actor, note,"
            + " state_json) VALUES (?,?,?,?,?,?,?)";

    private final ItemStateJson json;

    public HistorySnapshotRows(ItemStateJson json) {
        this.json = json;
    }

    @Override
    public List<String> clearStatements() {
        return CLEAR;
    }

    @Override
    public ItemRows newItem(boolean stored) {
        return new ItemRows() {
            private List<Object[]> snapshots;

            @Override
            public void apply(Evolution evolution, LoggedEvent event) {
                if (event.event() instanceof HistoryRecorded recorded) {
                    if (snapshots == null) {
                        snapshots = new ArrayList<>(1);
                    }
                    snapshots.add(new Object[]{recorded.itemId(), evolution.version(), event.position(),
                            event.at().toString(), event.actor(), recorded.note(), json.write(evolution.after())});
                }
            }

            @Override
            public void writeTo(RowBatch rows) {
                if (snapshots != null) {
                    snapshots.forEach(args -> rows.add(INSERT, args));
                }
            }
        };
    }
}
