package com.buildfactory.controlplane.application.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Set;

/**
 * @param tokens             configured tokens, by the SHA-256 (hex) of the token text
 * @param generateAdminToken on the embedded default, generate an admin token on first start and print it once
 */
@ConfigurationProperties("control-plane.security")
public record SecurityProperties(List<ConfiguredToken> tokens, boolean generateAdminToken) {

    public SecurityProperties {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    public record ConfiguredToken(String actor, String sha256, Set<String> permissions) {
    }
}
