package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.storage.ReadModels;
import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import com.buildfactory.controlplane.ops.backup.wiring.BackupComponents;
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

    @Bean(destroyMethod = "close")
    public BackupComponents backupComponents(StorageProperties storage, BackupProperties backup, Clock clock) {
        return new BackupComponents(BackupSettingsFactory.settings(storage, backup), clock);
    }

    @Bean
    public ReadModelComparison readModelComparison(ReadModels readModels,
                                                   @Qualifier("eventSerializer") Serializer eventSerializer,
                                                   ItemStateJson itemStateJson) {
        return new ReadModelComparison(readModels.queries(), eventSerializer, itemStateJson);
    }

    @Bean
    public BackupJobs backupJobs(BackupComponents components, ReadModelComparison comparison) {
        return new BackupJobs(components, comparison);
    }

    @Bean
    @ConditionalOnProperty(name = "control-plane.backup.schedule", havingValue = "true", matchIfMissing = true)
    public BackupSchedule backupSchedule(BackupJobs jobs) {
        return new BackupSchedule(jobs);
    }

    @Bean
    public BackupHealthIndicator backupHealthIndicator(BackupComponents components, BackupProperties backup,
                                                       Clock clock) {
        return new BackupHealthIndicator(components.backupService(), backup.maxVerifiedAge(), clock);
    }
}
