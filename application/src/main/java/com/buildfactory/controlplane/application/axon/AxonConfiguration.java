package com.buildfactory.controlplane.application.axon;

import com.buildfactory.controlplane.storage.sqlite.AggregateSnapshotSerializer;
import com.buildfactory.controlplane.storage.sqlite.GroupCommitWriter;
import com.buildfactory.controlplane.storage.SingleWriter;
import com.buildfactory.controlplane.storage.ReadModels;
import com.buildfactory.controlplane.storage.sqlite.SqliteWriteQueue;
import com.buildfactory.controlplane.application.metrics.CommandMetrics;
import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.buildfactory.controlplane.domain.workitem.WorkItem;
import com.buildfactory.controlplane.projections.fold.FoldedReadModels;
import com.buildfactory.controlplane.projections.fold.ReadModelsProjection;
import com.buildfactory.controlplane.projections.itempage.ItemPageQueries;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** Metadata key of the actor who sent a command; copied onto every event the command applies. */
    public static final String ACTOR = "actor";

    @Bean
    public ActionPolicy actionPolicy() {
        return new ActionPolicy();
    }

    @Bean
    public AggregateSnapshotSerializer aggregateSnapshotSerializer(ObjectMapper objectMapper) {
        return AggregateSnapshotSerializer.from(objectMapper);
    }

    @Bean(destroyMethod = "shutdown")
    public ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aggregate-snapshotter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Snapshots are taken on their own thread after the command committed. On the command thread the snapshotter
     * would wait for SQLite's write lock while holding the aggregate lock: a lock-order inversion that stalled.
     */
    @Bean
    public Snapshotter snapshotter(@Lazy EventStore eventStore, TransactionManager transactionManager,
                                   ExecutorService snapshotExecutor, ActionPolicy actionPolicy) {
        // The snapshotter builds aggregates outside Spring's handler wiring, so it is told about the policy.
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(WorkItem.class),
                new SimpleResourceParameterResolverFactory(List.of(actionPolicy)));
        return AggregateSnapshotter.builder()
                .parameterResolverFactory(resolvers)
                .eventStore(eventStore)
                .aggregateFactories(new GenericAggregateFactory<>(
                        AnnotatedAggregateMetaModelFactory.inspectAggregate(WorkItem.class, resolvers)))
                .transactionManager(transactionManager)
                .executor(snapshotExecutor)
                .build();
    }

    /**
     * Strongly held, bounded: a weak-reference cache lost most of its entries at every collection, and with many
     * items in use most commands re-loaded their aggregate from the log. Safe because this process is the only
     * writer of the log; Axon evicts an aggregate when its unit of work rolls back.
     */
    @Bean
    @Profile("!postgres")
    public Cache workItemCache(@Value("${control-plane.aggregate-cache.max-items:4096}") int maxItems) {
        return new BoundedAggregateCache(maxItems);
    }

    @Bean
    public ConfigurerModule workItemAggregate(Snapshotter snapshotter, Cache workItemCache,
                                              @Value("${control-plane.snapshots.every:100}") int snapshotEvery) {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(WorkItem.class)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(snapshotter, snapshotEvery))
                .configureCache(c -> workItemCache));
    }

    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ACTOR);
    }

    /**
     * Commands run one at a time. With group commit (the default) the commands that wait are committed together,
     * each in its own savepoint, and answered after that commit; without it each command commits alone under one
     * fair lock.
     */
    @Bean
    @Profile("!postgres")
    public SingleWriter singleWriter(@Value("${control-plane.storage.group-commit.enabled:true}") boolean groupCommit,
                                     @Value("${control-plane.storage.group-commit.max-commands:64}") int maxCommands,
                                     PlatformTransactionManager transactions, SqliteWriteQueue writeQueue,
                                     @Lazy EventStore eventStore, Cache workItemCache) {
        if (!groupCommit) {
            return new SingleWriter();
        }
        // After a commit, wake the event store's reader for tracking processors: the units of work announced
        // their events before they were committed. After a failed commit, cached aggregates hold lost state.
        return new GroupCommitWriter(transactions, writeQueue, maxCommands, () -> eventStore.publish(List.of()),
                workItemCache::removeAll);
    }

    @Bean
    public WorkItemCommands workItemCommands(CommandGateway commandGateway, SingleWriter singleWriter,
                                             CommandMetrics metrics) {
        return new WorkItemCommands(commandGateway, singleWriter, metrics);
    }

    @Bean
    public ItemStateJson itemStateJson(ObjectMapper objectMapper) {
        return new ItemStateJson(objectMapper);
    }

    @Bean
    public FoldedReadModels foldedReadModels(ItemStateJson itemStateJson) {
        return new FoldedReadModels(itemStateJson);
    }

    /** Every read model's live side: the one handler of the read-models processor. */
    @Bean
    public ReadModelsProjection readModelsProjection(ReadModels readModels, FoldedReadModels foldedReadModels) {
        return new ReadModelsProjection(readModels.jdbc(), foldedReadModels);
    }

    @Bean
    public ItemPageQueries itemPageQueries(ReadModels readModels, ItemStateJson itemStateJson) {
        return new ItemPageQueries(readModels.queries(), itemStateJson);
    }
}
