package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import com.buildfactory.controlplane.application.web.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    public TokenRegistry tokenRegistry(SecurityProperties properties, StorageProperties storage) {
        TokenRegistry registry = new TokenRegistry(properties);
        if (properties.generateAdminToken()) {
            new AdminTokenBootstrap(storage.dataDir(), System.out).registerIn(registry);
        }
        if (registry.isEmpty()) {
            throw new IllegalStateException("No API token is configured: set control-plane.security.tokens, or"
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
