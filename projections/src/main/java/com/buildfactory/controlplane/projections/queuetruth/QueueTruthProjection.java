package com.buildfactory.controlplane.projections.queuetruth;

import com.buildfactory.controlplane.domain.truth.DriftDetector;
import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.buildfactory.controlplane.domain.workitem.api.TruthSignalReported;
import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.projections.support.Evolution;
import com.buildfactory.controlplane.projections.support.EvolvingRows;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps whether each item drifts and since when: the observation time of the report that made it drift (or the
 * event's time when a lane move did), kept while any drift remains. The drifts themselves are computed from the
 * state by the domain's {@link DriftDetector} when read, so the rules exist once.
 */
@ProcessingGroup(QueueTruthProjection.PROCESSING_GROUP)
public class QueueTruthProjection {

    public static final String PROCESSING_GROUP = "queue-truth";

    private final JdbcTemplate jdbc;
    private final EvolvingRows rows;

    public QueueTruthProjection(JdbcTemplate jdbc, ItemStateJson json) {
        this.jdbc = jdbc;
        this.rows = new EvolvingRows(jdbc, json, "queue_truth");
    }

    @EventHandler
    void on(WorkItemEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at, TrackingToken token) {
        long position = token.position().orElse(-1L);
        rows.evolve(event, sequenceNumber).ifPresent(evolution -> store(evolution, event, position, at));
    }

    private void store(Evolution evolution, WorkItemEvent event, long position, Instant at) {
        ItemState after = evolution.after();
        DriftChange drift = DriftChange.of(evolution, event, position, () -> at);
        if (evolution.created()) {
            jdbc.update(INSERT, insertArgs(after.id(), evolution.version(), position, drift.begins(), drift.since(),
                    drift.position(), rows.write(after)));
            return;
        }
        switch (drift.kind()) {
            case BEGINS -> jdbc.update("UPDATE queue_truth SET version = ?, last_position = ?, drifted = 1,"
                            + " drift_since = ?, drift_position = ?, state_json = ? WHERE item_id = ?",
                    evolution.version(), position, drift.since(), drift.position(), rows.write(after), after.id());
            case ENDS -> jdbc.update("UPDATE queue_truth SET version = ?, last_position = ?, drifted = 0,"
                            + " drift_since = NULL, drift_position = NULL, state_json = ? WHERE item_id = ?",
                    evolution.version(), position, rows.write(after), after.id());
            case UNCHANGED -> jdbc.update("UPDATE queue_truth SET version = ?, last_position = ?, state_json = ?"
                            + " WHERE item_id = ?",
                    evolution.version(), position, rows.write(after), after.id());
        }
    }

    /** The one column list of a queue-truth row, written live at creation and once per item by a rebuild. */
    static final String INSERT = "INSERT INTO queue_truth (item_id, version, last_position, drifted, drift_since,"
            + " drift_position, state_json) VALUES (?,?,?,?,?,?,?)";

    static Object[] insertArgs(String itemId, long version, long lastPosition, boolean drifted, String driftSince,
                               Long driftPosition, String stateJson) {
        return new Object[]{itemId, version, lastPosition, drifted ? 1 : 0, drifted ? driftSince : null,
                drifted ? driftPosition : null, stateJson};
    }

    static final List<String> CLEAR = List.of("DELETE FROM queue_truth");

    /**
     * What one evolution does to the item's drift: it begins (at the report's observation time, or the event's
     * time when a lane move or the creation caused it), ends, or goes on unchanged.
     */
    record DriftChange(Kind kind, String since, Long position) {

        enum Kind { BEGINS, ENDS, UNCHANGED }

        static DriftChange of(Evolution evolution, WorkItemEvent event, long position, Supplier<Instant> at) {
            boolean drifted = !DriftDetector.detect(evolution.after()).isEmpty();
            if (evolution.created()) {
                return drifted ? new DriftChange(Kind.BEGINS, sortable(at.get()), position) : ends();
            }
            boolean wasDrifted = !DriftDetector.detect(evolution.before()).isEmpty();
            if (drifted && !wasDrifted) {
                Instant since = event instanceof TruthSignalReported reported && reported.observedAt() != null
                        ? Instant.parse(reported.observedAt()) : at.get();
                return new DriftChange(Kind.BEGINS, sortable(since), position);
            }
            return drifted ? new DriftChange(Kind.UNCHANGED, null, null) : ends();
        }

        private static DriftChange ends() {
            return new DriftChange(Kind.ENDS, null, null);
        }

        boolean begins() {
            return kind == Kind.BEGINS;
        }
    }

    /** Fixed width (always nine fraction digits), so that the column sorts in time order as text. */
    static String sortable(Instant at) {
        return SORTABLE.format(at);
    }

    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    @ResetHandler
    void reset() {
        CLEAR.forEach(jdbc::update);
    }
}
