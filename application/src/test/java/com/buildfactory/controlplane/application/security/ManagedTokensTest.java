package com.buildfactory.controlplane.application.security;

import com.buildfactory.controlplane.application.cli.TokensCli;
import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Eventually;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens created, used, listed, expired and revoked at run time, through the admin API and the command line. */
class ManagedTokensTest {

    private static final String TOKENS = "/api/admin/tokens";
    private static final String ITEMS = "/api/control-plane/items";

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        service = RunningService.start(dataDir, Map.of());
        api = service.api();
        jdbc = service.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static JsonNode create(String creator, String body) {
        Api.Response created = api.post(TOKENS, creator, body).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(TOKENS + "/" + created.json().at("/token/id").asText());
        return created.json();
    }

    @Test
    void aCreatedTokenWorksWithItsPermissionsShowsItsLastUseAndItsSecretOnlyOnce() {
        JsonNode created = create(TestTokens.ADMIN,
                "{\"actor\":\"runner-1\",\"permissions\":[\"factory.work-item.read\"]}");
        String secret = created.get("secret").asText();
        String id = created.at("/token/id").asText();
        assertThat(secret).startsWith("cp_").hasSizeGreaterThan(40);
        assertThat(created.at("/token/status").asText()).isEqualTo("active");

        assertThat(api.get(ITEMS, secret).send().status()).isEqualTo(200);
        assertThat(api.post(ITEMS, secret, Items.simple("TOK-1")).send().status()).isEqualTo(403);

        Api.Response list = api.get(TOKENS, TestTokens.ADMIN).send();
        assertThat(list.body()).doesNotContain(secret).doesNotContain(TokenHash.sha256(secret));
        assertThat(list.json().get("configured").findValuesAsText("actor")).contains("admin", "reader");
        assertThat(jdbc.queryForList("SELECT * FROM api_token").toString()).doesNotContain(secret);
        assertThat(jdbc.queryForObject("SELECT sha256 FROM api_token WHERE token_id = ?", String.class, id))
                .isEqualTo(TokenHash.sha256(secret));

        JsonNode used = awaitToken(id, token -> !token.get("lastUsedAt").isNull());
        assertThat(Instant.parse(used.get("lastUsedAt").asText())).isAfterOrEqualTo(
                Instant.parse(used.get("createdAt").asText()));
        assertThat(api.get(ITEMS, TestTokens.ADMIN).send().status()).as("configured tokens keep working")
                .isEqualTo(200);
    }

    @Test
    void aRevokedTokenIsRefusedOnItsNextRequestAndAuditorsSeeBothChanges() {
        JsonNode created = create(TestTokens.ADMIN,
                "{\"actor\":\"leaky-bot\",\"permissions\":[\"factory.work-item.read\"]}");
        String secret = created.get("secret").asText();
        String id = created.at("/token/id").asText();
        assertThat(api.get(ITEMS, secret).send().status()).isEqualTo(200);

        Api.Response revoked = api.delete(TOKENS + "/" + id, TestTokens.ADMIN).send();
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
        Api.Response refused = api.get(ITEMS, secret).send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("revoked");
        assertThat(api.delete(TOKENS + "/" + id, TestTokens.ADMIN).send().json().get("revokedBy").asText())
                .isEqualTo("admin");
        assertThat(api.delete(TOKENS + "/tok_nope", TestTokens.ADMIN).send().status()).isEqualTo(404);

        Api.Response audit = api.get("/api/audit/tokens?limit=1000", TestTokens.ADMIN).send();
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).doesNotContain(secret);
        JsonNode entries = audit.json().get("entries");
        long changes = 0;
        for (JsonNode entry : entries) {
            if (entry.get("tokenId").asText().equals(id)) {
                changes++;
                assertThat(entry.get("actor").asText()).isEqualTo("leaky-bot");
                assertThat(entry.get("changedBy").asText()).isEqualTo("admin");
            }
        }
        assertThat(changes).as("created and revoked, the repeated revocation not recorded").isEqualTo(2);
        assertThat(api.get("/api/audit/tokens", TestTokens.READER).send().status()).isEqualTo(403);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant expiry = Instant.now().plusSeconds(2);
        JsonNode created = create(TestTokens.ADMIN, "{\"actor\":\"temp\",\"permissions\":[\"factory.work-item.read\"],"
                + "\"expiresAt\":\"" + expiry + "\"}");
        String secret = created.get("secret").asText();
        assertThat(api.get(ITEMS, secret).send().status()).isEqualTo(200);
        Api.Response answer = Eventually.await(Duration.ofSeconds(15), () -> api.get(ITEMS, secret).send(),
                response -> response.status() != 200, "the token refused once it expired");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        assertThat(answer.json().get("detail").asText()).contains("expired");
    }

    @Test
    void badRequestsAreRefusedAndATokenGrantsOnlyWhatItsCreatorHolds() {
        long before = jdbc.queryForObject("SELECT count(*) FROM api_token", Long.class);
        assertThat(api.post(TOKENS, TestTokens.ADMIN, "{\"actor\":\"x\",\"permissions\":[\"factory.everything\"]}")
                .send().status()).isEqualTo(400);
        assertThat(api.post(TOKENS, TestTokens.ADMIN, "{\"actor\":\"x\",\"permissions\":[]}").send().status())
                .isEqualTo(400);
        assertThat(api.post(TOKENS, TestTokens.ADMIN, "{\"actor\":\"x y\",\"permissions\":[\"*\"]}").send().status())
                .isEqualTo(400);
        assertThat(api.post(TOKENS, TestTokens.ADMIN, "{\"actor\":\"x\",\"permissions\":[\"*\"],"
                + "\"expiresAt\":\"2020-01-01T00:00:00Z\"}").send().status()).isEqualTo(400);
        assertThat(api.post(TOKENS, TestTokens.READER, "{\"actor\":\"x\",\"permissions\":[\"*\"]}").send().status())
                .isEqualTo(403);
        assertThat(api.get(TOKENS, TestTokens.READER).send().status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token", Long.class)).isEqualTo(before);

        String delegate = create(TestTokens.ADMIN, "{\"actor\":\"ops-lead\",\"permissions\":[\"factory.admin\","
                + "\"factory.work-item.read\"]}").get("secret").asText();
        assertThat(api.post(TOKENS, delegate, "{\"actor\":\"x\",\"permissions\":[\"factory.audit.read\"]}").send()
                .status()).isEqualTo(403);
        assertThat(api.post(TOKENS, delegate, "{\"actor\":\"x\",\"permissions\":[\"*\"]}").send().status())
                .isEqualTo(403);
        create(delegate, "{\"actor\":\"reader-bot\",\"permissions\":[\"factory.work-item.read\"]}");
    }

    @Test
    void theCommandLineCreatesListsAndRevokesBesideTheRunningService() {
        Cli created = cli("tokens", "create", "--actor", "cli-bot", "--permissions", "factory.work-item.read");
        assertThat(created.exit()).as(created.err()).isZero();
        Matcher secret = Pattern.compile("(cp_[A-Za-z0-9_-]+)").matcher(created.out());
        assertThat(secret.find()).as(created.out()).isTrue();
        Matcher id = Pattern.compile("(tok_[A-Za-z0-9_-]+)").matcher(created.out());
        assertThat(id.find()).isTrue();
        assertThat(api.get(ITEMS, secret.group(1)).send().status()).isEqualTo(200);

        Cli listed = cli("tokens", "list");
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains(id.group(1)).contains("cli-bot").doesNotContain(secret.group(1));

        assertThat(cli("tokens", "revoke", "--id", id.group(1)).exit()).isZero();
        assertThat(api.get(ITEMS, secret.group(1)).send().status()).isEqualTo(401);
        assertThat(cli("tokens", "revoke", "--id", "tok_nope").exit()).isEqualTo(1);
        assertThat(cli("tokens", "create", "--actor", "x", "--permissions", "nope").exit()).isEqualTo(1);
        assertThat(cli("tokens", "create", "--actor", "x").exit()).isEqualTo(2);
        assertThat(cli("tokens", "frobnicate").exit()).isEqualTo(2);
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--control-plane.storage.data-dir=" + dataDir;
        int exit = new TokensCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all);
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Cli(int exit, String out, String err) {
    }

    private static JsonNode awaitToken(String id, java.util.function.Predicate<JsonNode> condition) {
        return Eventually.await(Duration.ofSeconds(10), () -> api.get(TOKENS + "/" + id, TestTokens.ADMIN).send().json(),
                condition, "token " + id + " to meet the condition");
    }
}
