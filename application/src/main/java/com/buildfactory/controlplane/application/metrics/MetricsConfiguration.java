package com.buildfactory.controlplane.application.metrics;

import com.buildfactory.controlplane.application.diskfull.DiskFull;
import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import com.buildfactory.controlplane.application.web.Problems;
import com.buildfactory.controlplane.ops.backup.wiring.BackupComponents;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    public GroupCommitSizes groupCommitSizes(MeterRegistry registry) {
        return new GroupCommitSizes(registry);
    }

    @Bean
    public CommandMetrics commandMetrics(MeterRegistry registry, GroupCommitSizes groupCommitSizes,
                                         DiskFull diskFull) {
        return new CommandMetrics(registry, groupCommitSizes, diskFull);
    }

    @Bean
    public OperationsMetrics operationsMetrics(EventProcessingConfiguration processing, EventLog eventLog,
                                               BackupComponents backups, StorageProperties storage, Clock clock) {
        return new OperationsMetrics(processing, eventLog, backups.statusStore(), storage, clock);
    }

    @Bean
    public FilterRegistrationBean<MetricsAccess> metricsAccess(Problems problems) {
        FilterRegistrationBean<MetricsAccess> registration = new FilterRegistrationBean<>(new MetricsAccess(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 22);
        registration.addUrlPatterns("/api/prometheus", "/api/prometheus/*");
        return registration;
    }
}
