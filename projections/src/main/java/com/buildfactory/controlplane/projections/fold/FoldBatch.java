package com.buildfactory.controlplane.projections.fold;

import com.buildfactory.controlplane.projections.support.ItemFold;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.projections.support.RowBatch;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events of one processor batch, folded per item: an item's version and state are read once per batch, every
 * event is evolved once, and each read model writes its rows of the item once, when the batch is about to commit
 * ({@link #flush}). It lives only as long as its batch: a batch that rolls back is folded again from what is stored.
 */
public final class FoldBatch {

    private final JdbcTemplate jdbc;
    private final FoldedReadModels readModels;
    private final Map<String, ItemFold> items = new LinkedHashMap<>();

    FoldBatch(JdbcTemplate jdbc, FoldedReadModels readModels) {
        this.jdbc = jdbc;
        this.readModels = readModels;
    }

    public void apply(LoggedEvent event) {
        items.computeIfAbsent(event.event().itemId(), id -> readModels.storedOrFresh(jdbc, id)).apply(event);
    }

    /** Writes every folded item's rows, inside the caller's transaction, and forgets them. */
    public void flush() {
        RowBatch rows = new RowBatch();
        items.values().forEach(item -> item.writeTo(rows));
        rows.flush(jdbc);
        items.clear();
    }
}
