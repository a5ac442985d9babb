package com.buildfactory.controlplane.application.cli;

import com.buildfactory.controlplane.application.security.ApiTokens;
import com.buildfactory.controlplane.application.security.NewToken;
import com.buildfactory.controlplane.application.security.TokenRequests;
import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import com.buildfactory.controlplane.application.web.InvalidInput;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.flywaydb.core.Flyway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteDataSource;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tokens create|list|revoke} on the service's database, running or stopped: SQLite serialises the writes, and
 * the service reads managed tokens on every request. Exit codes: 0 done, 1 refused, 2 the command line is wrong.
 */
public final class TokensCli {

    private static final String USAGE = """
            Usage:
              java -jar control-plane.jar tokens create --actor <name> --permissions <p1,p2|*> [--expires-at <ISO time>]
              java -jar control-plane.jar tokens list
              java -jar control-plane.jar tokens revoke --id <tok_...>
            Options --control-plane.<property>=<value> set configuration (e.g. --control-plane.storage.data-dir=/srv/data).""";

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public TokensCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] allArgs) {
        String[] settings = Arrays.stream(allArgs).filter(TokensCli::isSetting).toArray(String[]::new);
        String[] args = Arrays.stream(allArgs).filter(arg -> !isSetting(arg)).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CliConfiguration.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(settings)) {
            if (args.length < 2) {
                throw new CliArguments.UsageException("Name a tokens command: create, list or revoke");
            }
            ApiTokens tokens = tokens(context.getBean(StorageProperties.class));
            String by = "cli:" + System.getProperty("user.name", "unknown");
            return switch (args[1]) {
                case "create" -> create(args, tokens, by);
                case "list" -> {
                    new CliArguments(args, 2, Set.of(), Set.of());
                    Instant now = Instant.now();
                    print(tokens.list().stream().map(t -> Map.of("id", t.id(), "actor", t.actor(),
                            "permissions", t.permissions(), "status", t.status(now),
                            "createdAt", t.createdAt().toString(),
                            "lastUsedAt", String.valueOf(t.lastUsedAt()))).toList());
                    yield 0;
                }
                case "revoke" -> revoke(args, tokens, by);
                default -> throw new CliArguments.UsageException("Unknown tokens command " + args[1]);
            };
        } catch (CliArguments.UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (InvalidInput e) {
            err.println("Refused: " + e.field() + " " + e.getMessage());
            return 1;
        }
    }

    private int create(String[] args, ApiTokens tokens, String by) {
        CliArguments arguments = new CliArguments(args, 2, Set.of("actor", "permissions", "expires-at"), Set.of());
        String actor = arguments.value("actor").orElseThrow(() -> new CliArguments.UsageException(
                "--actor is required"));
        if (!actor.matches(TokenRequests.ACTOR_PATTERN)) {
            throw new InvalidInput("actor", "must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        List<String> permissions = TokenRequests.permissions(Arrays.stream(arguments.value("permissions")
                        .orElseThrow(() -> new CliArguments.UsageException("--permissions is required")).split(","))
                .map(String::trim).filter(p -> !p.isEmpty()).toList());
        if (permissions.isEmpty()) {
            throw new CliArguments.UsageException("--permissions names at least one permission");
        }
        Instant expiresAt = TokenRequests.expiresAt(arguments.value("expires-at").orElse(null), Instant.now());
        NewToken created = tokens.create(actor, permissions, expiresAt, by);
        out.println("Created token " + created.token().id() + " for " + actor + ". The secret is shown only now:");
        out.println();
        out.println("    " + created.secret());
        out.println();
        return 0;
    }

    private int revoke(String[] args, ApiTokens tokens, String by) {
        CliArguments arguments = new CliArguments(args, 2, Set.of("id"), Set.of());
        String id = arguments.value("id").orElseThrow(() -> new CliArguments.UsageException("--id is required"));
        return tokens.revoke(id, by).map(token -> {
            out.println("Token " + id + " of " + token.actor() + " is revoked (since " + token.revokedAt() + ").");
            return 0;
        }).orElseGet(() -> {
            err.println("Refused: no token " + id + " exists");
            return 1;
        });
    }

    private static ApiTokens tokens(StorageProperties storage) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(storage.jdbcUrl());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/sqlite").load().migrate();
        return new ApiTokens(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), Direct::run,
                Clock.systemUTC());
    }

    private void print(Object value) {
        try {
            out.println(json.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isSetting(String arg) {
        return arg.startsWith("--control-plane.") || arg.startsWith("--spring.");
    }

    /** From the command line, writes go straight to SQLite, which waits for the service's lock. */
    private static final class Direct {
        static <T> T run(java.util.function.Supplier<T> work) {
            return work.get();
        }
    }
}
