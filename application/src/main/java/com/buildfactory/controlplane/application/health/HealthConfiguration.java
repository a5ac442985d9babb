package com.buildfactory.controlplane.application.health;

import com.buildfactory.controlplane.application.diskfull.DiskFull;
import com.buildfactory.controlplane.application.readside.ProjectionReplays;
import com.buildfactory.controlplane.storage.WriteProbe;
import com.buildfactory.controlplane.application.security.TokenRegistry;
import com.buildfactory.controlplane.application.web.Problems;
import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.HeadAtStart;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    @Bean
    public DatabaseHealthIndicator databaseHealthIndicator(WriteProbe probe, DiskFull diskFull) {
        return new DatabaseHealthIndicator(probe, diskFull);
    }

    @Bean
    public EventProcessorsHealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing,
                                                                         EventLog eventLog,
                                                                         @Lazy ProjectionReplays replays,
                                                                         HeadAtStart start) {
        return new EventProcessorsHealthIndicator(processing, eventLog, replays::rebuilding, start::headAtStart);
    }

    @Bean
    public HttpCodeStatusMapper healthStatusCodes() {
        return new HealthStatusCodes();
    }

    @Bean
    public FilterRegistrationBean<HealthDetailsAccess> healthDetailsAccess(TokenRegistry registry, Problems problems) {
        FilterRegistrationBean<HealthDetailsAccess> registration =
                new FilterRegistrationBean<>(new HealthDetailsAccess(registry, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/api/health", "/api/health/*");
        return registration;
    }
}
