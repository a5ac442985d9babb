package com.buildfactory.controlplane.application.cli;

import com.buildfactory.controlplane.application.backup.BackupJobs;
import com.buildfactory.controlplane.application.backup.BackupProperties;
import com.buildfactory.controlplane.application.backup.BackupSettingsFactory;
import com.buildfactory.controlplane.application.backup.ReadModelComparison;
import com.buildfactory.controlplane.storage.sqlite.ReadModelStore;
import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import com.buildfactory.controlplane.ops.archive.ArchiveException;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.backup.ArchiveSummary;
import com.buildfactory.controlplane.ops.backup.BackupRun;
import com.buildfactory.controlplane.ops.backup.BackupStatus;
import com.buildfactory.controlplane.ops.backup.DrillReport;
import com.buildfactory.controlplane.ops.backup.ScrubReport;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.wiring.BackupComponents;
import com.buildfactory.controlplane.ops.backup.wiring.BackupSettings;
import com.buildfactory.controlplane.storage.ClusterLease;
import com.buildfactory.controlplane.storage.LogRestoreTarget;
import com.buildfactory.controlplane.storage.archive.ArchiveStores;
import com.buildfactory.controlplane.storage.postgres.PostgresLease;
import com.buildfactory.controlplane.storage.postgres.PostgresSharedDocument;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.buildfactory.controlplane.ops.restore.RestoreRequest;
import com.buildfactory.controlplane.ops.restore.RestoreResult;
import com.buildfactory.controlplane.projections.itempage.ItemStateJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * {@code backup}, {@code restore}, {@code drill}, {@code archives} and {@code scrub} from the command line, with the service's own configuration.
 * Exit codes: 0 done, 1 refused or failed (the reason is printed), 2 the command line is wrong.
 */
public final class OperationsCli {

    public static final Set<String> COMMANDS = Set.of("backup", "restore", "drill", "archives", "scrub");

    private static final String USAGE = """
            Usage:
              java -jar control-plane.jar backup  [--kind full|incremental]
              java -jar control-plane.jar restore --from <archive|latest> --db <path> [--to-position N | --to-time T] [--replace]
              java -jar control-plane.jar restore --from <archive|latest> --jdbc-url jdbc:postgresql://host:5432/db \
                   [--username <role>] [--password <secret>] [--to-position N | --to-time T]
                   into an empty PostgreSQL database (user and password default to CONTROL_PLANE_POSTGRES_USERNAME
                   and CONTROL_PLANE_POSTGRES_PASSWORD)
              java -jar control-plane.jar drill
              java -jar control-plane.jar archives      every archive with its last verification
              java -jar control-plane.jar scrub         re-verify every archive against the target now
            Options --control-plane.<property>=<value> set configuration (e.g. --control-plane.storage.data-dir=/srv/data).
            Configuration comes from application.yml, SPRING_PROFILES_ACTIVE and the environment, as for the service; with the
            postgres profile, backup, drill, scrub and archives work on the PostgreSQL store and its shared run history.""";

    private final PrintStream out;
    private final PrintStream err;
    private Store store;
    private Environment environment;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public OperationsCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Arguments {@code --control-plane.*=value} and {@code --spring.*=value} set configuration, as for the service. */
    public int run(String[] allArgs) {
        String[] settings = Arrays.stream(allArgs).filter(OperationsCli::isSetting).toArray(String[]::new);
        String[] args = Arrays.stream(allArgs).filter(arg -> !isSetting(arg)).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CliConfiguration.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(settings)) {
            StorageProperties storage = context.getBean(StorageProperties.class);
            BackupProperties backup = context.getBean(BackupProperties.class);
            // restore writes where it is told (--db or --jdbc-url) and reads only the archives: it must work with
            // the postgres profile on while PostgreSQL is down (going back to SQLite).
            boolean postgres = args.length > 0 && !args[0].equals("restore")
                    && context.getEnvironment().matchesProfiles("postgres");
            try (Store store = postgres ? Store.postgres(context.getEnvironment()) : Store.sqlite();
                 BackupComponents components = store.components(BackupSettingsFactory.settings(storage, backup))) {
                this.store = store;
                this.environment = context.getEnvironment();
                return switch (args[0]) {
                    case "backup" -> backup(args, components, storage);
                    case "restore" -> restore(args, components, storage);
                    case "drill" -> drill(args, components, storage);
                    case "archives" -> archives(args, components);
                    case "scrub" -> scrub(args, components, storage);
                    default -> throw new CliArguments.UsageException("Unknown command " + args[0]);
                };
            }
        } catch (CliArguments.UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (ArchiveException e) {
            err.println("Refused: " + e.getMessage());
            return 1;
        }
    }

    private static boolean isSetting(String arg) {
        return arg.startsWith("--control-plane.") || arg.startsWith("--spring.");
    }

    private int backup(String[] args, BackupComponents components, StorageProperties storage) {
        CliArguments arguments = new CliArguments(args, 1, Set.of("kind"), Set.of());
        ArchiveKind kind = switch (arguments.value("kind").orElse("full")) {
            case "full" -> ArchiveKind.FULL;
            case "incremental" -> ArchiveKind.INCREMENTAL;
            default -> throw new CliArguments.UsageException("--kind is full or incremental");
        };
        BackupRun run = jobs(components, storage).archive(kind);
        print(run);
        return run.outcome() == BackupRun.Outcome.FAILED ? 1 : 0;
    }

    private int restore(String[] args, BackupComponents components, StorageProperties storage) {
        CliArguments arguments = new CliArguments(args, 1, Set.of("from", "db", "to-position", "to-time", "jdbc-url",
                "username", "password"), Set.of("replace"));
        String from = arguments.value("from").orElseThrow(() -> new CliArguments.UsageException("--from is required"));
        Long toPosition = arguments.value("to-position").map(OperationsCli::position).orElse(null);
        Instant toTime = arguments.value("to-time").map(OperationsCli::time).orElse(null);
        if (toPosition != null && toTime != null) {
            throw new CliArguments.UsageException("Give --to-position or --to-time, not both");
        }
        Optional<String> jdbcUrl = arguments.value("jdbc-url");
        if (jdbcUrl.isPresent()) {
            if (arguments.value("db").isPresent() || arguments.flag("replace")) {
                throw new CliArguments.UsageException("--jdbc-url restores into an empty PostgreSQL database: without"
                        + " --db and --replace (a database with events is refused; create a new one)");
            }
            return restoreIntoPostgres(arguments, components, jdbcUrl.get(),
                    new RestoreRequest(from, toPosition, toTime, null, false));
        }
        Path db = Path.of(arguments.value("db").orElseThrow(() ->
                new CliArguments.UsageException("--db <file> or --jdbc-url <url> is required")));
        RestoreResult result = components.restoreService().restore(
                new RestoreRequest(from, toPosition, toTime, db, arguments.flag("replace")));
        // The read models beside the restored log describe another log: without them the service rebuilds them.
        Path readModels = result.database().toAbsolutePath()
                .resolveSibling(storage.readModelsFile().getFileName());
        ReadModelStore.discard(readModels);
        print(result);
        out.println("Restored " + result.eventCount() + " events up to position " + result.lastPosition() + " into "
                + result.database() + " and removed the read models beside it (" + readModels + "). Start the"
                + " service on it: read models rebuild by replay on start.");
        return 0;
    }

    private int restoreIntoPostgres(CliArguments arguments, BackupComponents components, String jdbcUrl,
                                    RestoreRequest request) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new CliArguments.UsageException("--jdbc-url is jdbc:postgresql://host:port/database");
        }
        String username = arguments.value("username")
                .orElse(environment.getProperty("control-plane.postgres.username"));
        String password = arguments.value("password")
                .orElse(environment.getProperty("control-plane.postgres.password"));
        LogRestoreTarget target = ArchiveStores.postgresRestore(jdbcUrl, blankToNull(username),
                blankToNull(password));
        RestoreResult result = components.restoreService().restore(request, target);
        print(result);
        out.println("Restored " + result.eventCount() + " events up to position " + result.lastPosition() + " into "
                + target.describe() + "; the next event goes after position " + result.lastPosition() + ". Start the"
                + " nodes on it (SPRING_PROFILES_ACTIVE=postgres, CONTROL_PLANE_POSTGRES_JDBC_URL): the first one"
                + " builds every read model from the log.");
        return 0;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private int drill(String[] args, BackupComponents components, StorageProperties storage) {
        new CliArguments(args, 1, Set.of(), Set.of());
        DrillReport report = jobs(components, storage).drill();
        print(report);
        return report.passed() ? 0 : 1;
    }

    private int archives(String[] args, BackupComponents components) {
        new CliArguments(args, 1, Set.of(), Set.of());
        BackupStatus status = components.backupService().status();
        if (status.listingError() != null) {
            err.println("Refused: the target cannot be listed: " + status.listingError());
            return 1;
        }
        out.println(status.target());
        out.printf("%-52s %-11s %10s %12s  %-9s %s%n", "archive", "kind", "events", "bytes", "state",
                "last verification");
        for (ArchiveSummary archive : status.archives()) {
            ArchiveSummary.Verification last = archive.lastVerification();
            out.printf("%-52s %-11s %10d %12d  %-9s %s%n", archive.name(), archive.kind().name().toLowerCase(),
                    archive.eventCount(), archive.sizeBytes(),
                    archive.damaged() ? "DAMAGED" : archive.verified() ? "verified" : "unproven",
                    last == null ? "never" : last.at() + " by " + last.by() + (last.passed() ? ", passed"
                            : ", FAILED: " + last.detail()));
        }
        return status.archives().stream().anyMatch(ArchiveSummary::damaged) ? 1 : 0;
    }

    private int scrub(String[] args, BackupComponents components, StorageProperties storage) {
        new CliArguments(args, 1, Set.of(), Set.of());
        ScrubReport report = jobs(components, storage).scrub();
        print(report);
        return report.clean() ? 0 : 1;
    }

    private BackupJobs jobs(BackupComponents components, StorageProperties storage) {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        return new BackupJobs(components, new ReadModelComparison(store.readModels(storage),
                JacksonSerializer.builder().objectMapper(mapper).build(), new ItemStateJson(mapper)), store.lease());
    }

    /**
     * The store the commands work on: the SQLite file (its read models in their own file, one node), or with the
     * postgres profile the shared database (a small pool of its own, the shared run history and the cluster lease,
     * so that a command-line backup is skipped while a node takes the cluster's backups).
     */
    private static final class Store implements AutoCloseable {

        private final HikariDataSource postgres;
        private final ClusterLease lease;

        private Store(HikariDataSource postgres, ClusterLease lease) {
            this.postgres = postgres;
            this.lease = lease;
        }

        static Store sqlite() {
            return new Store(null, ClusterLease.singleNode());
        }

        static Store postgres(Environment environment) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("control-plane-cli");
            config.setJdbcUrl(environment.getRequiredProperty("control-plane.postgres.jdbc-url"));
            String username = blankToNull(environment.getProperty("control-plane.postgres.username"));
            String password = blankToNull(environment.getProperty("control-plane.postgres.password"));
            if (username != null) {
                config.setUsername(username);
            }
            if (password != null) {
                config.setPassword(password);
            }
            config.setMaximumPoolSize(3);
            HikariDataSource dataSource = new HikariDataSource(config);
            String node = "cli-" + ManagementFactory.getRuntimeMXBean().getName();
            return new Store(dataSource, new PostgresLease(dataSource, node));
        }

        BackupComponents components(BackupSettings settings) {
            if (postgres == null) {
                return new BackupComponents(settings, Clock.systemUTC());
            }
            return new BackupComponents(settings, Clock.systemUTC(),
                    ArchiveStores.postgres(postgres, postgres.getJdbcUrl().replaceFirst("\\?.*$", "")),
                    new BackupStatusStore(new PostgresSharedDocument(postgres, "backup-status")));
        }

        JdbcTemplate readModels(StorageProperties storage) {
            if (postgres != null) {
                return new JdbcTemplate(postgres);
            }
            SQLiteDataSource live = new SQLiteDataSource();
            live.setUrl(storage.readModelsJdbcUrl());
            return new JdbcTemplate(live);
        }

        ClusterLease lease() {
            return lease;
        }

        @Override
        public void close() {
            if (lease instanceof PostgresLease held) {
                held.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static long position(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CliArguments.UsageException("--to-position is a global event position, like 1200");
        }
    }

    private static Instant time(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliArguments.UsageException("--to-time is an ISO-8601 instant, like 2026-11-28T02:30:00Z");
        }
    }

    private void print(Object value) {
        try {
            out.println(json.writeValueAsString(value));
        } catch (Exception e) {
            out.println(value);
        }
    }
}
