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
        boolean drifted = !DriftDetector.detect(after).isEmpty();
        if (evolution.created()) {
            jdbc.update("INSERT INTO queue_truth (item_id, version, last_position, drifted, drift_since,"
                            + " drift_position, state_json) VALUES (?,?,?,?,?,?,?)",
                    after.id(), evolution.version(), position, drifted ? 1 : 0, drifted ? sortable(at) : null,
                    drifted ? position : null, rows.write(after));
            return;
        }
        boolean wasDrifted = !DriftDetector.detect(evolution.before()).isEmpty();
        if (drifted && !wasDrifted) {
            Instant since = event instanceof TruthSignalReported reported && reported.observedAt() != null
                    ? Instant.parse(reported.observedAt()) : at;
            jdbc.update("UPDATE queue_truth SET version = ?, last_position = ?, drifted = 1, drift_since = ?,"
                            + " drift_position = ?, state_json = ? WHERE item_id = ?",
                    evolution.version(), position, sortable(since), position, rows.write(after), after.id());
        } else if (!drifted) {
            jdbc.update("UPDATE queue_truth SET version = ?, last_position = ?, drifted = 0, drift_since = NULL,"
                            + " drift_position = NULL, state_json = ? WHERE item_id = ?",
                    evolution.version(), position, rows.write(after), after.id());
        } else {
            jdbc.update("UPDATE queue_truth SET version = ?, last_position = ?, state_json = ? WHERE item_id = ?",
                    evolution.version(), position, rows.write(after), after.id());
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
        jdbc.update("DELETE FROM queue_truth");
    }
}
