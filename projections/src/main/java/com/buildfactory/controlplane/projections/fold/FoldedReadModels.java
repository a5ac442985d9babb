package com.buildfactory.controlplane.projections.fold;

import com.buildfactory.controlplane.projections.board.BoardRows;
import com.buildfactory.controlplane.projections.history.HistorySnapshotRows;
import com.buildfactory.controlplane.projections.itempage.ItemPageRows;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.projections.queuetruth.QueueTruthRows;
import com.buildfactory.controlplane.projections.support.ItemFold;
import com.buildfactory.controlplane.projections.support.ReadModel;
import com.buildfactory.controlplane.projections.support.ReadModelRebuild;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * The four read models (item page, queue truth, board and queue, history snapshots), fed by one tracking processor
 * ({@value #PROCESSOR}) with one token: each event is folded into its item's state once and the evolution handed to
 * each read model's row rule. A live batch ({@link #batch}) and a bulk rebuild ({@link #newItem}) fold alike and
 * write with the same rules; they differ only in where an item's fold starts (its stored state, or nothing).
 */
public final class FoldedReadModels implements ReadModelRebuild {

    /** The tracking processor (and processing group) of every read model. */
    public static final String PROCESSOR = "read-models";

    private final ItemStateJson json;
    private final List<ReadModel> readModels;

    public FoldedReadModels(ItemStateJson json) {
        this.json = json;
        this.readModels = List.of(new ItemPageRows(json), new QueueTruthRows(), new BoardRows(),
                new HistorySnapshotRows(json));
    }

    @Override
    public String processingGroup() {
        return PROCESSOR;
    }

    @Override
    public List<String> clearStatements() {
        return readModels.stream().flatMap(m -> m.clearStatements().stream()).toList();
    }

    /** A fresh fold: every item of a bulk rebuild, which starts from empty tables. */
    @Override
    public ItemFold newItem() {
        return ItemFold.fresh(readModels);
    }

    /** A batch of events on {@code jdbc}, each item's fold started from what the read models hold. */
    public FoldBatch batch(JdbcTemplate jdbc) {
        return new FoldBatch(jdbc, this);
    }

    /** The fold of an item as stored (its version and state from the item page), or a fresh one. */
    ItemFold storedOrFresh(JdbcTemplate jdbc, String itemId) {
        return ItemPageRows.stored(jdbc, itemId)
                .map(row -> ItemFold.stored(row.version(), () -> json.read(row.stateJson()), readModels))
                .orElseGet(() -> ItemFold.fresh(readModels));
    }
}
