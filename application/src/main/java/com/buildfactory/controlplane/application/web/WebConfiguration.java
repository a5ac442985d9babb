package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.diskfull.DiskFull;
import com.buildfactory.controlplane.application.idempotency.IdempotencyFilter;
import com.buildfactory.controlplane.application.idempotency.IdempotencyStore;
import com.buildfactory.controlplane.storage.WriteTurn;
import com.buildfactory.controlplane.domain.policy.ActionPolicy;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Spring Boot registers Jackson modules found as beans with its ObjectMapper, which Axon's serializer shares. */
    @Bean
    public Module blackbirdModule() {
        return new BlackbirdModule();
    }

    @Bean
    public Problems problems(ObjectMapper objectMapper) {
        return new Problems(objectMapper);
    }

    @Bean
    public ItemPageRenderer itemPageRenderer(ActionPolicy policy) {
        return new ItemPageRenderer(policy);
    }

    @Bean
    public OutcomeResponses outcomeResponses(ItemPageRenderer renderer) {
        return new OutcomeResponses(renderer);
    }

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            Problems problems, @Value("${control-plane.limits.body-bytes:524288}") int maxBytes,
            @Value("${control-plane.limits.body-read-time:10s}") Duration maxReadTime) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBytes, maxReadTime, problems));
        // After the token check (HIGHEST_PRECEDENCE + 20): no thread reads the body of an unauthenticated client.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    public IdempotencyStore idempotencyStore(JdbcTemplate jdbcTemplate, WriteTurn writeQueue, Clock clock) {
        return new IdempotencyStore(jdbcTemplate, writeQueue, clock);
    }

    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, Problems problems,
                                                                       DiskFull diskFull) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, problems, diskFull));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
