package com.buildfactory.controlplane.storage.sqlite;

import com.buildfactory.controlplane.storage.ClusterLease;
import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.LogArchiveSource;
import com.buildfactory.controlplane.storage.WriteProbe;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * The SQLite engine's wiring: the event log's file (events, snapshots, idempotency records) and the read models'
 * file (read models and their tokens), each with its own write lock, pool and write queue.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class SqliteStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SqliteStorageConfiguration.class);

    /**
     * Takes the {@link DatabaseLock} before any bean exists, so before the first connection opens; static because a
     * bean factory post-processor must exist before the configuration's own beans.
     */
    @Bean
    public static ServiceDatabaseLock serviceDatabaseLock() {
        return new ServiceDatabaseLock();
    }

    /** The event log's file: events, snapshots, idempotency records, with the configured durability. */
    @Bean
    public HikariDataSource dataSource(StorageProperties storage) {
        try {
            Files.createDirectories(storage.databaseFile().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder for " + storage.databaseFile(), e);
        }
        HikariDataSource logFile = pool("control-plane-sqlite", storage.jdbcUrl(), storage.poolSize());
        String version = new JdbcTemplate(logFile).queryForObject("select sqlite_version()", String.class);
        log.info("Event log at {} (SQLite {}, synchronous={}); read models at {}"
                        + " (synchronous=NORMAL)", storage.databaseFile().toAbsolutePath(), version,
                storage.synchronous(), storage.readModelsFile().toAbsolutePath());
        return logFile;
    }

    /** The read models' file, its own pool, transactions and write queue (see ReadModelStore). */
    @Bean(destroyMethod = "close")
    public ReadModelStore readModelStore(StorageProperties storage, DatabaseLock databaseLock) {
        return ReadModelStore.open(storage);
    }

    private static HikariDataSource pool(String name, String jdbcUrl, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(size);
        config.setExceptionOverrideClassName(SqliteBusyEviction.class.getName());
        return new HikariDataSource(config);
    }

    /** After Flyway has migrated the store and before the tracking processors start (they start with the context). */
    @Bean
    @DependsOn("flywayInitializer")
    public SingleNodeStart singleNodeStart(DatabaseLock databaseLock, EventLog eventLog,
                                           ReadModelStore readModels) {
        return SingleNodeStart.open(databaseLock, eventLog, readModels.jdbc());
    }

    @Bean
    public EventLog eventLog(DataSource dataSource) {
        return new SqliteEventLog(dataSource);
    }

    /** What backups read: the file, on read-only connections of their own (see SqliteArchiveSource). */
    @Bean
    public LogArchiveSource logArchiveSource(StorageProperties storage) {
        return new SqliteArchiveSource(storage.databaseFile());
    }

    /** One node: it takes every backup, scrub and drill. */
    @Bean
    public ClusterLease clusterLease() {
        return ClusterLease.singleNode();
    }

    @Bean
    public SqliteWriteQueue sqliteWriteQueue() {
        return new SqliteWriteQueue();
    }

    @Bean
    public WriteProbe writeProbe(DataSource dataSource, SqliteWriteQueue writeQueue) {
        return new SqliteWriteProbe(dataSource, writeQueue);
    }

    /** Axon's Spring transactions, each one waiting its turn in the write queue first (see SqliteWriteQueue). */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactions,
                                                     SqliteWriteQueue writeQueue) {
        return writeQueue.around(new SpringTransactionManager(transactions));
    }

    /** The tracking processors' batches: a turn in the read models' write queue, then a transaction on their file. */
    @Bean
    public ConfigurerModule readModelBatchTransactions(ReadModelStore readModels) {
        return configurer -> configurer.eventProcessing()
                .registerDefaultTransactionManager(c -> readModels.transactions());
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SqliteDuplicateKeyResolver();
    }

    /**
     * Inside a group commit the group's transaction connection, which only the group commits; elsewhere Axon's
     * per-unit-of-work connection.
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        ConnectionProvider transactional = new SpringDataSourceConnectionProvider(dataSource);
        ConnectionProvider perUnitOfWork = new UnitOfWorkAwareConnectionProviderWrapper(transactional);
        return () -> GroupCommitWriter.inGroup() ? transactional.getConnection() : perUnitOfWork.getConnection();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 AggregateSnapshotSerializer snapshotSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, DataSource dataSource) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer.serializer())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(EventLogReads.joinOrNone(transactionManager, dataSource))
                .dataType(byte[].class);
        return NullSafeStatements.applyTo(builder).build();
    }

    /**
     * Axon's claim timeout (10 s by default): how long another node waits before it takes over a claim that is no
     * longer extended. On a single node claims left by a crash are released at start ({@link SingleNodeStart}).
     */
    @Bean
    public TokenStore tokenStore(ReadModelStore readModels, Serializer serializer,
                                 @Value("${control-plane.storage.token-claim-timeout:10s}") Duration claimTimeout) {
        return new SqliteTokenStore(JdbcTokenStore.builder()
                .claimTimeout(claimTimeout)
                .connectionProvider(readModels.connections())
                .serializer(serializer));
    }
}
