package com.buildfactory.controlplane.projections.queuetruth;

import com.buildfactory.controlplane.domain.truth.DriftDetector;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.TruthSignalReported;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.support.Evolution;
import com.buildfactory.controlplane.projections.support.ItemRows;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import com.buildfactory.controlplane.projections.support.ReadModel;
import com.buildfactory.controlplane.projections.support.RowBatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps which items drift and since when: one row per drifting item, with the observation time of the report that
 * made it drift (or the event's time when a lane move or the creation did), kept while any drift remains. The
 * drifts themselves are computed from the item page's state by the domain's {@link DriftDetector} when read, so the
 * rules exist once. A row is written only when a drift begins or ends.
 */
public final class QueueTruthRows implements ReadModel {

    static final List<String> CLEAR = List.of("DELETE FROM queue_truth");

    /** The one column list of a drift, written when it begins (an upsert, so it never depends on what is stored). */
    static final String BEGINS = "INSERT INTO queue_truth (item_id, drift_since, drift_position) VALUES (?,?,?)"
            + " ON CONFLICT (item_id) DO UPDATE SET drift_since = excluded.drift_since,"
            + " drift_position = excluded.drift_position";

    static final String ENDS = "DELETE FROM queue_truth WHERE item_id = ?";

    @Override
    public List<String> clearStatements() {
        return CLEAR;
    }

    @Override
    public ItemRows newItem(boolean stored) {
        return new ItemRows() {
            private String itemId;
            private boolean changed;
            private DriftChange drift;
            /** Whether the state after the last evolution drifts: the next one's state before, detected once. */
            private boolean drifting;

            @Override
            public void apply(Evolution evolution, LoggedEvent event) {
                boolean was = !evolution.created() && (itemId != null ? drifting : drifts(evolution.before()));
                drifting = drifts(evolution.after());
                DriftChange change = DriftChange.of(evolution, was, drifting, event.event(), event.position(),
                        event::at);
                itemId = evolution.after().id();
                switch (change.kind()) {
                    case BEGINS -> {
                        drift = change;
                        changed = true;
                    }
                    case ENDS -> {
                        drift = null;
                        changed = true;
                    }
                    case UNCHANGED -> {
                    }
                }
            }

            @Override
            public void writeTo(RowBatch rows) {
                if (!changed) {
                    return;
                }
                if (drift != null) {
                    rows.add(BEGINS, itemId, drift.since(), drift.position());
                } else if (stored) {
                    rows.add(ENDS, itemId);
                }
            }
        };
    }

    private static boolean drifts(ItemState state) {
        return !DriftDetector.detect(state).isEmpty();
    }

    /**
     * What one evolution does to the item's drift: it begins (at the report's observation time, or the event's
     * time when a lane move or the creation caused it), ends, or stays as it was (drifting or not).
     */
    record DriftChange(Kind kind, String since, Long position) {

        enum Kind { BEGINS, ENDS, UNCHANGED }

        static DriftChange of(Evolution evolution, boolean wasDrifted, boolean drifted, WorkItemEvent event,
                              long position, Supplier<Instant> at) {
            if (evolution.created()) {
                return drifted ? new DriftChange(Kind.BEGINS, sortable(at.get()), position) : UNCHANGED;
            }
            if (drifted == wasDrifted) {
                return UNCHANGED;
            }
            if (!drifted) {
                return new DriftChange(Kind.ENDS, null, null);
            }
            Instant since = event instanceof TruthSignalReported reported && reported.observedAt() != null
                    ? Instant.parse(reported.observedAt()) : at.get();
            return new DriftChange(Kind.BEGINS, sortable(since), position);
        }

        private static final DriftChange UNCHANGED = new DriftChange(Kind.UNCHANGED, null, null);
    }

    /** Fixed width (always nine fraction digits), so that the column sorts in time order as text. */
    static String sortable(Instant at) {
        return SORTABLE.format(at);
    }

    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
}
