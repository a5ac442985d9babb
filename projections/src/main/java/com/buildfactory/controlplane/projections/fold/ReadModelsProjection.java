package com.buildfactory.controlplane.projections.fold;

import com.buildfactory.controlplane.domain.workitem.api.WorkItemEvent;
import com.buildfactory.controlplane.projections.support.LoggedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;

/**
 * The live side of every read model: the one handler of the {@value FoldedReadModels#PROCESSOR} processor. Each
 * event joins its batch's {@link FoldBatch}, a resource of the batch's unit of work (so a batch that rolls back
 * leaves nothing behind), which writes the rows when the batch prepares its commit, in the transaction that also
 * stores the token. Outside a unit of work an event is a batch of its own.
 */
@ProcessingGroup(FoldedReadModels.PROCESSOR)
public class ReadModelsProjection {

    private static final String BATCH = ReadModelsProjection.class.getName() + ".batch";

    private final JdbcTemplate jdbc;
    private final FoldedReadModels readModels;

    public ReadModelsProjection(JdbcTemplate jdbc, FoldedReadModels readModels) {
        this.jdbc = jdbc;
        this.readModels = readModels;
    }

    @EventHandler
    void on(WorkItemEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue("actor") String actor) {
        apply(new Handled(event, sequenceNumber, token.position().orElse(-1L), at, actor));
    }

    /** Folds one event into the current batch, or applies it alone outside one. */
    public void apply(LoggedEvent event) {
        if (!CurrentUnitOfWork.isStarted()) {
            FoldBatch alone = readModels.batch(jdbc);
            alone.apply(event);
            alone.flush();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        root.getOrComputeResource(BATCH, key -> {
            FoldBatch batch = readModels.batch(jdbc);
            root.onPrepareCommit(unitOfWork -> batch.flush());
            return batch;
        }).apply(event);
    }

    @ResetHandler
    void reset() {
        readModels.clearStatements().forEach(jdbc::update);
    }

    /** An event as the processor hands it over. */
    private record Handled(WorkItemEvent event, long sequenceNumber, long position, Instant at, String actor)
            implements LoggedEvent {
    }
}
