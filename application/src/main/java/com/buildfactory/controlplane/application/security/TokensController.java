package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.application.web.Access;
import com.buildfactory.controlplane.application.web.NotFound;
import com.buildfactory.controlplane.domain.policy.Actor;
import com.buildfactory.controlplane.domain.policy.Permissions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Tokens managed at run time (factory.admin): create one for an actor with some permissions and an optional expiry
 * (its secret is in this answer only), list them with their last use, revoke one. A token can grant only
 * permissions its creator holds, so an administrator without {@code *} cannot mint one.
 */
@RestController
public class TokensController {

    static final String PATH = "/api/admin/tokens";

    private final ApiTokens tokens;
    private final TokenRegistry registry;
    private final Clock clock;

    public TokensController(ApiTokens tokens, TokenRegistry registry, Clock clock) {
        this.tokens = tokens;
        this.registry = registry;
        this.clock = clock;
    }

    @Operation(summary = "Create an API token", description = "The secret is in this answer only (factory.admin;"
            + " grants at most the creator's permissions).")
    @ApiResponse(responseCode = "201", description = "The token and its secret.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CreatedTokenView.class)))
    @PostMapping(PATH)
    public ResponseEntity<CreatedTokenView> create(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                                                   @Valid @RequestBody TokenRequests.CreateToken body) {
        Access.require(actor, Permissions.ADMIN);
        Instant now = clock.instant();
        List<String> permissions = TokenRequests.permissions(body.permissions());
        for (String permission : permissions) {
            Access.require(actor, permission);
        }
        NewToken created = tokens.create(body.actor(), permissions, TokenRequests.expiresAt(body.expiresAt(), now),
                actor.name());
        return ResponseEntity.created(URI.create(PATH + "/" + created.token().id()))
                .body(new CreatedTokenView(TokenView.of(created.token(), now), created.secret()));
    }

    @Operation(summary = "List API tokens", description = "Never the secret; with status and last use.")
    @GetMapping(PATH)
    public TokenListView list(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor) {
        Access.require(actor, Permissions.ADMIN);
        Instant now = clock.instant();
        return new TokenListView(tokens.list().stream().map(token -> TokenView.of(token, now)).toList(),
                registry.configuredActors().stream()
                        .map(configured -> new ConfiguredTokenView(configured.name(),
                                configured.permissions().stream().sorted().toList()))
                        .toList());
    }

    @Operation(summary = "Read one API token")
    @GetMapping(PATH + "/{id}")
    public TokenView one(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor, @PathVariable String id) {
        Access.require(actor, Permissions.ADMIN);
        return TokenView.of(tokens.find(id).orElseThrow(() -> unknown(id)), clock.instant());
    }

    /** Revoked at once: the token's next request answers 401. Revoking a revoked token changes nothing. */
    @Operation(summary = "Revoke an API token", description = "Its next request answers 401.")
    @DeleteMapping(PATH + "/{id}")
    public TokenView revoke(@RequestAttribute(BearerTokenFilter.ACTOR_ATTRIBUTE) Actor actor,
                            @PathVariable String id) {
        Access.require(actor, Permissions.ADMIN);
        return TokenView.of(tokens.revoke(id, actor.name()).orElseThrow(() -> unknown(id)), clock.instant());
    }

    private static NotFound unknown(String id) {
        return new NotFound("No token " + id + " exists; GET " + PATH + " lists them.");
    }

    public record TokenView(String id, String actor, List<String> permissions, String status, Instant createdAt,
                            String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy,
                            Instant lastUsedAt) {
        static TokenView of(ManagedToken token, Instant now) {
            return new TokenView(token.id(), token.actor(), token.permissions(), token.status(now),
                    token.createdAt(), token.createdBy(), token.expiresAt(), token.revokedAt(), token.revokedBy(),
                    token.lastUsedAt());
        }
    }

    public record CreatedTokenView(TokenView token, String secret) {
    }

    public record ConfiguredTokenView(String actor, List<String> permissions) {
    }

    public record TokenListView(List<TokenView> tokens, List<ConfiguredTokenView> configured) {
    }
}
