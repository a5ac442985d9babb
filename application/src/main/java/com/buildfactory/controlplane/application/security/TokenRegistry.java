package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.domain.policy.Actor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Maps token hashes to actors: tokens from configuration (kept in memory, as before) and tokens managed at run time
 * (read from the database on every request, so a revoked or expired token is refused on its very next request).
 */
public class TokenRegistry {

    /** A token's last use is written at most this often: a write per request would queue behind every command. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final Map<String, Actor> actorsByHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRecorded = new ConcurrentHashMap<>();
    private final ApiTokens managed;
    private final Executor usageWriter;
    private final Clock clock;

    public TokenRegistry(SecurityProperties properties, ApiTokens managed, Executor usageWriter, Clock clock) {
        this.managed = managed;
        this.usageWriter = usageWriter;
        this.clock = clock;
        for (SecurityProperties.ConfiguredToken token : properties.tokens()) {
            if (token.sha256() == null || token.actor() == null) {
                throw new IllegalArgumentException("Every configured token needs an actor and a sha256");
            }
            register(token.sha256(), new Actor(token.actor(),
                    token.permissions() == null ? Set.of() : token.permissions()));
        }
    }

    public void register(String sha256, Actor actor) {
        actorsByHash.put(sha256.toLowerCase(Locale.ROOT), actor);
    }

    public Optional<Actor> authenticate(String token) {
        String hash = TokenHash.sha256(token);
        Actor configured = actorsByHash.get(hash);
        if (configured != null || managed == null) {
            return Optional.ofNullable(configured);
        }
        Instant now = clock.instant();
        Optional<ManagedToken> found = managed.byHash(hash).filter(t -> t.usable(now));
        found.ifPresent(t -> recordUse(t, now));
        return found.map(t -> new Actor(t.actor(), new LinkedHashSet<>(t.permissions())));
    }

    /** Why a token was refused, for the 401's detail: only its holder sends it, so nothing leaks. */
    public String refusal(String token) {
        if (managed == null) {
            return "The bearer token is not known.";
        }
        return managed.byHash(TokenHash.sha256(token))
                .map(t -> "The bearer token " + t.id() + " is " + t.status(clock.instant()) + ".")
                .orElse("The bearer token is not known.");
    }

    public List<Actor> configuredActors() {
        return List.copyOf(actorsByHash.values());
    }

    public boolean isEmpty() {
        return actorsByHash.isEmpty();
    }

    private void recordUse(ManagedToken token, Instant now) {
        Instant previous = lastRecorded.get(token.id());
        if (previous != null && previous.plus(LAST_USED_RESOLUTION).isAfter(now)) {
            return;
        }
        lastRecorded.put(token.id(), now);
        usageWriter.execute(() -> {
            try {
                managed.markUsed(token.id(), now);
            } catch (RuntimeException e) {
                lastRecorded.remove(token.id());
            }
        });
    }
}
