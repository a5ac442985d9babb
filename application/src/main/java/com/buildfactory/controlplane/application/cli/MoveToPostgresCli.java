package com.buildfactory.controlplane.application.cli;

import com.buildfactory.controlplane.storage.postgres.SqliteToPostgres;
import com.buildfactory.controlplane.storage.sqlite.DatabaseLock;
import org.flywaydb.core.Flyway;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * {@code migrate-to-postgres}: moves a stopped service's SQLite store into an empty PostgreSQL database (schema
 * created here), keeping every event's global position; the service then starts on PostgreSQL with the postgres
 * profile and builds its read models from the log. The SQLite file is only read, so going back is starting the
 * service without the profile again. Exit codes: 0 moved, 1 refused or failed, 2 the command line is wrong.
 */
public final class MoveToPostgresCli {

    public static final String COMMAND = "migrate-to-postgres";

    private static final String USAGE = """
            Usage:
              java -jar control-plane.jar migrate-to-postgres --jdbc-url jdbc:postgresql://host:5432/db \\
                   [--from data/control-plane.db] [--username <role>] [--password <secret>]
            The service must be stopped; the PostgreSQL database must hold no events.""";

    private final PrintStream out;
    private final PrintStream err;

    public MoveToPostgresCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        try {
            CliArguments options = new CliArguments(args, 1, Set.of("from", "jdbc-url", "username", "password"),
                    Set.of());
            Path from = Path.of(options.value("from").orElse("data/control-plane.db"));
            String jdbcUrl = options.value("jdbc-url")
                    .orElseThrow(() -> new CliArguments.UsageException("--jdbc-url is required"));
            if (!Files.isRegularFile(from)) {
                err.println("Refused: no SQLite store at " + from.toAbsolutePath());
                return 1;
            }
            Optional<DatabaseLock> lock = DatabaseLock.tryAcquire(from, COMMAND);
            if (lock.isEmpty()) {
                err.println("Refused: " + from + " is in use (" + DatabaseLock.holder(from) + "); stop the service first");
                return 1;
            }
            try (DatabaseLock held = lock.get()) {
                return move(from, jdbcUrl, options.value("username"), options.value("password"));
            }
        } catch (CliArguments.UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("Failed, nothing was committed in PostgreSQL: " + e.getMessage());
            return 1;
        }
    }

    private int move(Path from, String jdbcUrl, Optional<String> username, Optional<String> password)
            throws SQLException {
        Flyway.configure().dataSource(jdbcUrl, username.orElse(null), password.orElse(null))
                .locations("classpath:db/migration/postgresql").load().migrate();
        Properties login = new Properties();
        username.ifPresent(u -> login.setProperty("user", u));
        password.ifPresent(p -> login.setProperty("password", p));
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + from.toAbsolutePath());
             Connection postgres = DriverManager.getConnection(jdbcUrl, login)) {
            SqliteToPostgres.Moved moved = SqliteToPostgres.move(sqlite, postgres);
            out.printf("Moved %d events (head %d) and %d API token rows from %s into PostgreSQL.%n", moved.events(),
                    moved.head(), moved.tokens(), from);
            out.println("Next: start the service with SPRING_PROFILES_ACTIVE=postgres and"
                    + " CONTROL_PLANE_POSTGRES_JDBC_URL; its read models are built from the log at first start.");
            return 0;
        } catch (IllegalStateException refused) {
            err.println("Refused: " + refused.getMessage());
            return 1;
        }
    }
}
