package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.storage.ReadModels;
import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.wiring.BackupComponents;
import com.buildfactory.controlplane.ops.backup.wiring.BackupSettings;
import com.buildfactory.controlplane.storage.ClusterLease;
import com.buildfactory.controlplane.storage.LogArchiveSource;
import com.buildfactory.controlplane.storage.SharedDocument;
import org.springframework.beans.factory.ObjectProvider;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
public class BackupConfiguration {

    /**
     * Archives read from the engine's {@link LogArchiveSource}. The run history lives where every node reads it: the
     * engine's shared document on PostgreSQL (one row: a node that did not take the run still reports it), else the
     * file beside the SQLite store.
     */
    @Bean(destroyMethod = "close")
    public BackupComponents backupComponents(StorageProperties storage, BackupProperties backup, Clock clock,
                                             LogArchiveSource source,
                                             @Qualifier("backupStatusDocument") ObjectProvider<SharedDocument> shared) {
        BackupSettings settings = BackupSettingsFactory.settings(storage, backup);
        SharedDocument document = shared.getIfAvailable();
        BackupStatusStore status = document == null ? new BackupStatusStore(settings.statusFile())
                : new BackupStatusStore(document);
        return new BackupComponents(settings, clock, source, status);
    }

    @Bean
    public ReadModelComparison readModelComparison(ReadModels readModels,
                                                   @Qualifier("eventSerializer") Serializer eventSerializer,
                                                   ItemStateJson itemStateJson) {
        return new ReadModelComparison(readModels.queries(), eventSerializer, itemStateJson);
    }

    @Bean
    public BackupJobs backupJobs(BackupComponents components, ReadModelComparison comparison, ClusterLease lease) {
        return new BackupJobs(components, comparison, lease);
    }

    @Bean
    @ConditionalOnProperty(name = "control-plane.backup.schedule", havingValue = "true", matchIfMissing = true)
    public BackupSchedule backupSchedule(BackupJobs jobs) {
        return new BackupSchedule(jobs);
    }

    @Bean
    public BackupHealthIndicator backupHealthIndicator(BackupComponents components, BackupProperties backup,
                                                       Clock clock, BackupJobs jobs) {
        return new BackupHealthIndicator(components.backupService(), backup.maxVerifiedAge(), clock, jobs);
    }
}
