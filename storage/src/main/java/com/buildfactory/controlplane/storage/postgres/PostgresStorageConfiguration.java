package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.HeadAtStart;
import com.buildfactory.controlplane.storage.LogArchiveSource;
import com.buildfactory.controlplane.storage.SharedDocument;
import com.buildfactory.controlplane.storage.ReadModels;
import com.buildfactory.controlplane.storage.SingleWriter;
import com.buildfactory.controlplane.storage.WriteProbe;
import com.buildfactory.controlplane.storage.WriteTurn;
import com.buildfactory.controlplane.storage.sqlite.AggregateSnapshotSerializer;
import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The event log, token store and read models in one PostgreSQL database shared by every node. Axon's JDBC engine
 * and token store run as Axon ships them: none of the SQLite workarounds (write queue, group commit, token store
 * without FOR UPDATE, NULL-safe statements) is needed, because PostgreSQL has row locks, MVCC and a driver that
 * reads NULL as null.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PostgresProperties.class, StorageProperties.class})
public class PostgresStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PostgresStorageConfiguration.class);

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(PostgresProperties postgres) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("control-plane-postgres");
        config.setJdbcUrl(postgres.jdbcUrl());
        // Blank means "as the URL says": an empty user would override the URL's user parameter.
        if (postgres.username() != null && !postgres.username().isBlank()) {
            config.setUsername(postgres.username());
        }
        if (postgres.password() != null && !postgres.password().isBlank()) {
            config.setPassword(postgres.password());
        }
        config.setMaximumPoolSize(postgres.poolSize());
        HikariDataSource dataSource = new HikariDataSource(config);
        String version = new JdbcTemplate(dataSource).queryForObject("show server_version", String.class);
        log.info("Event log in PostgreSQL {} at {}", version, withoutSecrets(postgres.jdbcUrl()));
        return dataSource;
    }

    private static String withoutSecrets(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    @Bean
    @DependsOn("flywayInitializer")
    public HeadAtStart headAtStart(DataSource dataSource) {
        return PostgresNodeStart.open(new JdbcTemplate(dataSource));
    }

    @Bean
    public EventLog eventLog(DataSource dataSource) {
        return new PostgresEventLog(dataSource);
    }

    /** What backups read: one REPEATABLE READ transaction per archive on this pool (see PostgresArchiveSource). */
    @Bean
    public LogArchiveSource logArchiveSource(DataSource dataSource, PostgresProperties postgres) {
        return new PostgresArchiveSource(dataSource, withoutSecrets(postgres.jdbcUrl()));
    }

    /** The node that takes the cluster's backups, scrubs and drills: whichever holds the lease (PostgresLease). */
    @Bean(destroyMethod = "close")
    public PostgresLease clusterLease(DataSource dataSource, @Value("${control-plane.node-id:}") String nodeId) {
        return new PostgresLease(dataSource, nodeId(nodeId));
    }

    /** The backup run history, one row every node reads: health says the same on every node. */
    @Bean
    @DependsOn("flywayInitializer")
    public SharedDocument backupStatusDocument(DataSource dataSource) {
        return new PostgresSharedDocument(dataSource, "backup-status");
    }

    @Bean
    public WriteTurn writeTurn() {
        return WriteTurn.none();
    }

    @Bean
    public WriteProbe writeProbe(DataSource dataSource) {
        return new PostgresWriteProbe(dataSource);
    }

    @Bean
    public SingleWriter singleWriter() {
        return new ConcurrentCommands();
    }

    /**
     * No aggregate cache: with several nodes a cached item may miss another node's events and decide on stale
     * state. Routing each item to one node would keep a cache valid, but needs a router that knows the item from
     * the request and survives a node's loss; loading an item is a single indexed read (plus a snapshot every 100
     * events), so every command loads its item from the log instead.
     */
    @Bean
    public Cache workItemCache() {
        return NoCache.INSTANCE;
    }

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    @Bean
    public ReadModels readModels(DataSource dataSource, TransactionManager axonTransactionManager) {
        return new PostgresReadModels(dataSource, axonTransactionManager);
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * A rolled-back append (a conflict on one item, from two nodes or two requests on one node) leaves its position
     * unused, and Axon's tracking token remembers every such gap up to {@code maxGapOffset} positions back (10,000
     * by default) in case a slow transaction still fills it. Every event the event store keeps for tailing readers
     * (10,000) carries its own token, so 400 gaps became 4 million remembered positions and two nodes ran out of
     * a 256 MB heap under the bench. With {@link AppendsInCommitOrder} a position below a visible one is never
     * filled later, so a short memory is safe; a little is kept anyway.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 AggregateSnapshotSerializer snapshotSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 @Value("${control-plane.postgres.max-gap-offset:100}")
                                                 int maxGapOffset) {
        return new AppendsInCommitOrder(JdbcEventStorageEngine.builder()
                .maxGapOffset(maxGapOffset)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer.serializer())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .dataType(byte[].class));
    }

    @Bean
    public FairShareOfSegments fairShareOfSegments(DataSource dataSource, EventProcessingConfiguration processing,
                                                   @Value("${control-plane.storage.token-claim-timeout:10s}")
                                                   Duration claimTimeout,
                                                   @Value("${control-plane.postgres.balance-interval:1s}")
                                                   Duration interval,
                                                   @Value("${control-plane.node-id:}") String nodeId) {
        return new FairShareOfSegments(new JdbcTemplate(dataSource), processing, nodeId(nodeId), claimTimeout,
                interval);
    }

    private static String nodeId(String configured) {
        return configured.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : configured;
    }

    /**
     * Axon's event store as Axon Spring Boot builds it, but looking for new events every 100 ms instead of every
     * second: events appended by another node wake no reader here, so this delay bounds how soon node B's read
     * models see node A's commands (776 ms seen once with the default). Idle, it costs one indexed query per delay.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         @Value("${control-plane.postgres.fetch-delay:100ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    /**
     * Stock JdbcTokenStore (SELECT ... FOR UPDATE on the claim). The node id names the claim owner; it defaults to
     * Axon's {@code pid@host} and must differ between nodes. The claim timeout is how long a dead node's segments
     * wait before another node takes them over.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 @Value("${control-plane.storage.token-claim-timeout:10s}") Duration claimTimeout,
                                 @Value("${control-plane.node-id:}") String nodeId) {
        return JdbcTokenStore.builder()
                .claimTimeout(claimTimeout)
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .nodeId(nodeId(nodeId))
                .build();
    }
}
