package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.web.ItemPageRenderer;
import com.buildfactory.controlplane.application.web.TimeTravel;
import com.buildfactory.controlplane.projections.board.BoardQueries;
import com.buildfactory.controlplane.projections.fold.FoldedReadModels;
import com.buildfactory.controlplane.projections.history.HistorySnapshotQueries;
import com.buildfactory.controlplane.projections.history.ItemTimeline;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.buildfactory.controlplane.projections.queuetruth.FreshnessProbe;
import com.buildfactory.controlplane.projections.queuetruth.QueueTruthQueries;
import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.ReadModels;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import java.time.Clock;
import java.util.List;

/** The queries of the read models beyond the item page (queue truth, board and queue, history), and their admin. */
@Configuration(proxyBeanMethods = false)
public class ReadSideConfiguration {

    @Bean
    public QueueTruthQueries queueTruthQueries(ReadModels readModels, ItemStateJson json) {
        return new QueueTruthQueries(readModels.queries(), json);
    }

    @Bean
    public FreshnessProbe freshnessProbe(EventLog eventLog, Clock clock) {
        return new FreshnessProbe(eventLog, clock);
    }

    @Bean
    public BoardQueries boardQueries(ReadModels readModels, ItemStateJson json) {
        return new BoardQueries(readModels.queries(), json);
    }

    @Bean
    public HistorySnapshotQueries historySnapshotQueries(ReadModels readModels, ItemStateJson json) {
        return new HistorySnapshotQueries(readModels.queries(), json);
    }

    @Bean
    public ItemTimeline itemTimeline(@Lazy EventStore eventStore, EventLog eventLog) {
        return new ItemTimeline(eventStore, eventLog);
    }

    @Bean
    public TimeTravel timeTravel(ItemTimeline timeline, ItemPageRenderer renderer, Clock clock) {
        return new TimeTravel(timeline, renderer, clock);
    }

    @Bean
    public BulkRebuild bulkRebuild(EventLog eventLog, ReadModels readModels,
                                   TokenStore tokenStore, @Qualifier("eventSerializer") Serializer eventSerializer,
                                   FoldedReadModels foldedReadModels) {
        return new BulkRebuild(eventLog, readModels.jdbc(), readModels.transactions(), tokenStore, eventSerializer,
                List.of(foldedReadModels));
    }

    @Bean
    public ProjectionReplays projectionReplays(@Lazy EventProcessingConfiguration processing, EventLog eventLog,
                                               Clock clock, BulkRebuild bulkRebuild) {
        return new ProjectionReplays(processing, eventLog, clock, bulkRebuild);
    }
}
