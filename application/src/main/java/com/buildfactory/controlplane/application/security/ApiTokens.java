package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.domain.policy.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tokens created, listed and revoked at run time, stored by hash beside an audit row per change. Each change and
 * its audit row commit together, so the audit trail cannot miss a token or name one that does not exist.
 */
public class ApiTokens {

    /** Runs a write: through the service's SQLite write queue, or directly from the command line. */
    public interface Writes {
        <T> T run(Supplier<T> work);
    }

    private static final String COLUMNS = "token_id, actor, permissions, created_at, created_by, expires_at,"
            + " revoked_at, revoked_by, last_used_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Writes writes;
    private final Clock clock;

    public ApiTokens(JdbcTemplate jdbc, TransactionTemplate transactions, Writes writes, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.writes = writes;
        this.clock = clock;
    }

    public NewToken create(String actor, List<String> permissions, Instant expiresAt, String createdBy) {
        String secret = "cp_" + random(32);
        String id = "tok_" + random(12);
        Instant now = clock.instant();
        String joined = String.join(",", new LinkedHashSet<>(permissions));
        writes.run(() -> transactions.execute(status -> {
            jdbc.update("INSERT INTO api_token (token_id, sha256, actor, permissions, created_at, created_by,"
                            + " expires_at) VALUES (?,?,?,?,?,?,?)", id, TokenHash.sha256(secret), actor, joined,
                    now.toString(), createdBy, text(expiresAt));
            audit(now, "created", id, actor, joined, expiresAt, createdBy);
            return null;
        }));
        return new NewToken(find(id).orElseThrow(), secret);
    }

    /** Revokes a token; a token already revoked keeps its first revocation. Empty when no such token exists. */
    public Optional<ManagedToken> revoke(String id, String revokedBy) {
        Instant now = clock.instant();
        writes.run(() -> transactions.execute(status -> {
            int changed = jdbc.update("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE token_id = ?"
                    + " AND revoked_at IS NULL", now.toString(), revokedBy, id);
            if (changed == 1) {
                ManagedToken token = find(id).orElseThrow();
                audit(now, "revoked", id, token.actor(), String.join(",", token.permissions()), token.expiresAt(),
                        revokedBy);
            }
            return null;
        }));
        return find(id);
    }

    public Optional<ManagedToken> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_token WHERE token_id = ?", ApiTokens::token, id).stream()
                .findFirst();
    }

    public List<ManagedToken> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_token ORDER BY created_at, token_id", ApiTokens::token);
    }

    /** The token with this hash, usable or not. */
    public Optional<ManagedToken> byHash(String sha256) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_token WHERE sha256 = ?", ApiTokens::token, sha256)
                .stream().findFirst();
    }

    /** The actor of a usable token with this hash. */
    public Optional<Actor> authenticate(String sha256) {
        Instant now = clock.instant();
        return byHash(sha256).filter(token -> token.usable(now))
                .map(token -> new Actor(token.actor(), new LinkedHashSet<>(token.permissions())));
    }

    public void markUsed(String id, Instant at) {
        writes.run(() -> jdbc.update("UPDATE api_token SET last_used_at = ? WHERE token_id = ?", at.toString(), id));
    }

    public List<TokenAuditEntry> audit(long after, int limit) {
        return jdbc.query("SELECT entry_id, at, change, token_id, actor, permissions, expires_at, changed_by"
                        + " FROM api_token_audit WHERE entry_id > ? ORDER BY entry_id LIMIT ?",
                (rs, n) -> new TokenAuditEntry(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), permissions(rs.getString(6)), instant(rs.getString(7)),
                        rs.getString(8)), after, limit);
    }

    private void audit(Instant at, String change, String id, String actor, String permissions, Instant expiresAt,
                       String by) {
        jdbc.update("INSERT INTO api_token_audit (at, change, token_id, actor, permissions, expires_at, changed_by)"
                + " VALUES (?,?,?,?,?,?,?)", at.toString(), change, id, actor, permissions, text(expiresAt), by);
    }

    private static ManagedToken token(ResultSet rs, int row) throws SQLException {
        return new ManagedToken(rs.getString(1), rs.getString(2), permissions(rs.getString(3)),
                Instant.parse(rs.getString(4)), rs.getString(5), instant(rs.getString(6)), instant(rs.getString(7)),
                rs.getString(8), instant(rs.getString(9)));
    }

    private static List<String> permissions(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
