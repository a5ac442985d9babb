package com.buildfactory.controlplane.application.health;

import com.buildfactory.controlplane.application.readside.ProjectionReplays;
import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.sqlite.SingleNodeStart;
import com.buildfactory.controlplane.storage.sqlite.SqliteWriteQueue;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import javax.sql.DataSource;

@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    @Bean
    public DatabaseHealthIndicator databaseHealthIndicator(DataSource dataSource, SqliteWriteQueue writeQueue) {
        return new DatabaseHealthIndicator(dataSource, writeQueue);
    }

    @Bean
    public EventProcessorsHealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing,
                                                                         EventLog eventLog,
                                                                         @Lazy ProjectionReplays replays,
                                                                         SingleNodeStart start) {
        return new EventProcessorsHealthIndicator(processing, eventLog, replays::rebuilding, start::headAtStart);
    }
}
