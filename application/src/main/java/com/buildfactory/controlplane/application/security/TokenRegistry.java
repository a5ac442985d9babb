package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.domain.policy.Actor;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Maps token hashes to actors. */
public class TokenRegistry {

    private final Map<String, Actor> actorsByHash = new ConcurrentHashMap<>();

    public TokenRegistry(SecurityProperties properties) {
        for (SecurityProperties.ConfiguredToken token : properties.tokens()) {
            if (token.sha256() == null || token.actor() == null) {
                throw new IllegalArgumentException("Every configured token needs an actor and a sha256");
            }
            register(token.sha256(), new Actor(token.actor(),
                    token.permissions() == null ? java.util.Set.of() : token.permissions()));
        }
    }

    public void register(String sha256, Actor actor) {
        actorsByHash.put(sha256.toLowerCase(Locale.ROOT), actor);
    }

    public Optional<Actor> authenticate(String token) {
        return Optional.ofNullable(actorsByHash.get(TokenHash.sha256(token)));
    }

    public boolean isEmpty() {
        return actorsByHash.isEmpty();
    }
}
