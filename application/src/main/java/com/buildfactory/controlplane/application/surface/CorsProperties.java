package com.buildfactory.controlplane.application.surface;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Cross-origin access from browsers: off unless origins are named. Scripts and bots send no Origin and are not
 * affected; only a browser page served from another origin needs its origin listed here.
 *
 * @param allowedOrigins exact origins such as {@code https://board.example.org}; no wildcards
 */
@ConfigurationProperties("control-plane.cors")
public record CorsProperties(List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (allowedOrigins.stream().anyMatch(origin -> origin.contains("*"))) {
            throw new IllegalArgumentException("control-plane.cors.allowed-origins takes exact origins, no wildcards");
        }
    }
}
