package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.storage.WriteTurn;
import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import com.buildfactory.controlplane.application.web.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    public ApiTokens apiTokens(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                               WriteTurn writeQueue, Clock clock) {
        return new ApiTokens(jdbc, new TransactionTemplate(transactions), writeQueue::call, clock);
    }

    /** Last-use times are written off the request thread. */
    @Bean(destroyMethod = "shutdown")
    public ExecutorService tokenUsageWriter() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "token-usage-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    public TokenRegistry tokenRegistry(SecurityProperties properties, StorageProperties storage, ApiTokens apiTokens,
                                       ExecutorService tokenUsageWriter, Clock clock) {
        TokenRegistry registry = new TokenRegistry(properties, apiTokens, tokenUsageWriter, clock);
        if (properties.generateAdminToken()) {
            new AdminTokenBootstrap(storage.dataDir(), System.out).registerIn(registry);
        }
        if (registry.isEmpty() && apiTokens.list().stream().noneMatch(t -> t.usable(clock.instant()))) {
            throw new IllegalStateException("No API token is configured: set control-plane.security.tokens, create"
                    + " one with 'java -jar control-plane.jar tokens create', or set"
                    + " control-plane.security.generate-admin-token=true on a single-user setup");
        }
        return registry;
    }

    @Bean
    public FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(TokenRegistry registry, Problems problems) {
        FilterRegistrationBean<BearerTokenFilter> registration =
                new FilterRegistrationBean<>(new BearerTokenFilter(registry, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
