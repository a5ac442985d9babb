import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark harness for issue 6 (and issue 11's PostgreSQL run). Run through {@code bench/run.sh}; it needs
 * sqlite-jdbc and the PostgreSQL driver (the service's own copies) on the class path. Starts the service on a
 * temporary database (with {@code --postgres-url}: a fresh database on that cluster, one node and then two),
 * measures, prints a markdown table.
 *
 * <p>Every load loop is bounded in time and count and talks to 127.0.0.1 only.
 */
public class Bench {

    // ---------------------------------------------------------------- configuration

    static final class Config {
        boolean quick;
        Path jar = Path.of("application/target/control-plane.jar");
        Path out;
        String synchronous = "FULL";
        int rounds = 5;
        double roundSeconds = 5;
        double warmupSeconds = 5;
        double openLoopSeconds = 10;
        int openLoopRounds = 3;
        int items = 256;
        int[] clients = {1, 8, 32};
        List<Integer> replaySizes = new ArrayList<>(List.of(100_000));
        int replayRounds = 3;
        List<String> jvmOpts = new ArrayList<>();
        boolean jvmDefaults;
        List<String> serviceArgs = new ArrayList<>();
        boolean keep;
        String only = "";
        /** A PostgreSQL cluster's JDBC URL (--postgres-url; run.sh starts the throw-away one for --postgres). */
        String postgresUrl;
        boolean postgresAsked;
        /** The hot item and the receipts next to each many-items row; off in the PostgreSQL smoke run. */
        boolean everyShape = true;

        static Config parse(String[] args) {
            Config c = new Config();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> {
                        c.quick = true;
                        c.rounds = 1;
                        c.roundSeconds = 1;
                        c.warmupSeconds = 0.5;
                        c.openLoopSeconds = 2;
                        c.openLoopRounds = 1;
                        c.items = 64;
                        c.replaySizes = new ArrayList<>(List.of(5_000));
                        c.replayRounds = 1;
                    }
                    case "--jar" -> c.jar = Path.of(args[++i]);
                    case "--out" -> c.out = Path.of(args[++i]);
                    case "--synchronous" -> c.synchronous = args[++i].toUpperCase(Locale.ROOT);
                    case "--rounds" -> c.rounds = Integer.parseInt(args[++i]);
                    case "--round-seconds" -> c.roundSeconds = Double.parseDouble(args[++i]);
                    case "--warmup-seconds" -> c.warmupSeconds = Double.parseDouble(args[++i]);
                    case "--replay-1m" -> c.replaySizes.add(1_000_000);
                    case "--replay-rounds" -> c.replayRounds = Integer.parseInt(args[++i]);
                    case "--jvm-opt" -> c.jvmOpts.add(args[++i]);
                    case "--jvm-defaults" -> c.jvmDefaults = true;
                    case "--service-arg" -> c.serviceArgs.add(args[++i]);
                    case "--keep" -> c.keep = true;
                    case "--only" -> c.only = args[++i];
                    case "--postgres-url" -> c.postgresUrl = args[++i];
                    case "--postgres" -> c.postgresAsked = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (c.postgresAsked && !c.postgres()) {
                throw new IllegalArgumentException("--postgres needs --postgres-url (bench/run.sh starts the test"
                        + " cluster and passes it)");
            }
            if (c.postgres() && c.quick) {
                // Two service starts and two phases: the smoke run keeps 8 clients on many items and the open loop.
                c.clients = new int[] {8};
                c.items = 16;
                c.everyShape = false;
            }
            return c;
        }

        boolean postgres() {
            return postgresUrl != null;
        }

        /** The service's JVM options: those of the production unit, unless --jvm-defaults, then --jvm-opt ones. */
        List<String> serviceJvmOptions() throws IOException {
            List<String> options = new ArrayList<>();
            if (!jvmDefaults) {
                options.addAll(unitJvmOptions());
            }
            options.addAll(jvmOpts);
            return options;
        }

        /** Heap and GC options read from the systemd unit's ExecStart, so the bench runs the service as deployed. */
        static List<String> unitJvmOptions() throws IOException {
            Path unit = Path.of("ops/deploy/control-plane@.service");
            String exec = Files.readAllLines(unit).stream().filter(l -> l.startsWith("ExecStart=")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no ExecStart in " + unit));
            return Arrays.stream(exec.split("\\s+"))
                    .filter(o -> o.startsWith("-Xm") || o.startsWith("-Xs") || o.startsWith("-XX:")).toList();
        }

        boolean runs(String phase) {
            return only.isEmpty() || Arrays.asList(only.split(",")).contains(phase);
        }
    }

    static Config cfg;
    static final String TOKEN = "bench-" + UUID.randomUUID();
    static final PrintStream log = System.err;

    // ---------------------------------------------------------------- results

    /** One row of the table: a set of per-round values for each named figure. */
    static final class Row {
        final String name;
        final Map<String, List<Double>> figures = new LinkedHashMap<>();
        String note = "";
        double adjacent = Double.NaN;
        long rssPeakKb = -1;
        long hwmKb = -1;

        Row(String name) {
            this.name = name;
        }

        void add(String figure, double value) {
            figures.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
        }

        double median(String figure) {
            List<Double> v = figures.get(figure);
            if (v == null || v.isEmpty()) {
                return Double.NaN;
            }
            double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
        }

        String cell(String figure, String fmt) {
            List<Double> v = figures.get(figure);
            if (v == null || v.isEmpty()) {
                return "-";
            }
            double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            if (v.size() == 1) {
                return String.format(Locale.ROOT, fmt, median(figure));
            }
            return String.format(Locale.ROOT, fmt + " (" + fmt + "–" + fmt + ")", median(figure), min, max);
        }
    }

    static final List<Row> rows = new ArrayList<>();
    static Row rawRow;

    // ---------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        cfg = Config.parse(args);
        if (!Files.isRegularFile(cfg.jar)) {
            throw new IllegalStateException("No service jar at " + cfg.jar + ": run ./mvnw -B -q package -DskipTests");
        }
        Path work = Files.createTempDirectory("cp-bench-");
        log.println("bench: work folder " + work + (cfg.quick ? " (quick)" : "")
                + (cfg.postgres() ? " (PostgreSQL)" : ""));
        Instant started = Instant.now();
        loadBefore = loadAverage();
        RssMonitor rss = new RssMonitor();
        serviceRss = rss;
        rss.start();
        // Killed from outside (SIGTERM): still stop the services and print what was measured so far.
        Thread hook = new Thread(() -> {
            live.forEach(Process::destroy);
            if (pg != null) {
                pg.drop();
            }
            System.out.println("INTERRUPTED: partial results" + table(Duration.between(started, Instant.now())));
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (cfg.postgres()) {
                pg = PostgresDatabase.create(cfg.postgresUrl);
            }
            rawRow = new Row("raw JDBC INSERT+COMMIT, 1 KB row" + (cfg.postgres() ? ", 1 connection" : "")
                    + " (the limit)");
            rows.add(rawRow);
            Path rawFile = work.resolve("raw.db");
            rawLimit(rawFile, cfg.warmupSeconds, cfg.rounds);
            if (cfg.postgres()) {
                raw8Row = new Row("raw JDBC INSERT+COMMIT, 1 KB row, 8 connections at once");
                rows.add(raw8Row);
                rawParallel(raw8Row, 8, cfg.rounds);
            }

            Service first = Service.start(work.resolve("service"), rss, true, "bench-node-a");
            List<Api> nodes = new ArrayList<>(List.of(new Api(first.port)));
            if (cfg.runs("commands")) {
                List<String> items = nodes.get(0).setUpItems("BF", cfg.items);
                String hot = nodes.get(0).setUpItems("HOT", 1).get(0);
                commandScenarios(nodes, items, hot, rawFile, cfg.postgres() ? ", 1 node" : "");
                if (cfg.postgres()) {
                    Service second = Service.start(work.resolve("service-b"), rss, true, "bench-node-b");
                    nodes.add(new Api(second.port));
                    awaitSegmentsShared(nodes);
                    commandScenarios(nodes, items, hot, rawFile, ", 2 nodes");
                }
            }

            if (!cfg.runs("commands")) {
                // The replay clones a real item's events: make one with a history.
                String id = nodes.get(0).setUpItems("BF", 1).get(0);
                for (int i = 0; i < 20; i++) {
                    nodes.get(0).action(id, i % 2 == 0 ? "request-review" : "request-changes");
                }
            }
            if (cfg.runs("replay") && !cfg.postgres()) {
                for (int size : cfg.replaySizes) {
                    Row replay = new Row(String.format(Locale.ROOT, "replay of %,d events (every read model)", size));
                    rows.add(replay);
                    replay(first, work.resolve("service"), size, replay, rss);
                }
                Row backup = new Row("backup / verified restore (100k, 1M events)");
                backup.note = "not measured here: the ops module's BackupBenchmarkTest (docs/benchmarks.md)";
                rows.add(backup);
            }

            // The limit again at the end, so drift over the run shows up in min/max.
            stopServices();
            rawLimit(work.resolve("raw2.db"), 0, Math.max(1, cfg.rounds / 2));
        } finally {
            stopServices();
            rss.stopMonitor();
            if (pg != null) {
                pg.drop();
            }
            if (!cfg.keep) {
                deleteTree(work);
            }
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        String table = table(Duration.between(started, Instant.now()));
        System.out.println(table);
        if (cfg.out != null) {
            Files.writeString(cfg.out, table);
        }
    }

    static PostgresDatabase pg;
    static Row raw8Row;

    static void stopServices() throws Exception {
        // SIGTERM to every node first, then wait: the nodes' graceful stops overlap.
        Service.running.forEach(service -> service.process.destroy());
        for (Service service : Service.running) {
            service.stop();
        }
        for (Process p : live) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /**
     * The command scenarios on these nodes: closed loops at each client count on many items and on one hot item,
     * the receipts at 8 clients, then the open loop at half of this phase's best many-items rate with freshness.
     * With several nodes every client sends its requests to the nodes in turn, as a load balancer without
     * stickiness would; freshness is probed on the node that took the command and, with several, on another one.
     */
    static void commandScenarios(List<Api> nodes, List<String> items, String hot, Path rawFile, String suffix)
            throws Exception {
        RssMonitor rss = serviceRss;
        // Warm the JIT of every node (a joining node is cold) with mixed load before anything is measured.
        Row warm = new Row("JIT warm-up (not reported)");
        int savedRounds = cfg.rounds;
        cfg.rounds = 0;
        double savedWarmup = cfg.warmupSeconds;
        cfg.warmupSeconds = cfg.quick ? 1 : 15;
        closedLoop(nodes, warm, items, 8, false, false);
        cfg.warmupSeconds = savedWarmup;
        cfg.rounds = savedRounds;
        double peak = 0;
        for (int c : cfg.clients) {
            String clients = c + " client" + (c == 1 ? "" : "s");
            Row many = new Row("commands, many items, " + clients + suffix);
            many.adjacent = adjacentLimit(rawFile);
            rss.begin();
            closedLoop(nodes, many, items, c, false, false);
            rss.end(many);
            rows.add(many);
            peak = Math.max(peak, many.median("ops"));
            if (!cfg.everyShape) {
                continue;
            }
            Row hotRow = new Row("commands, one hot item, " + clients + suffix);
            hotRow.adjacent = adjacentLimit(rawFile);
            rss.begin();
            closedLoop(nodes, hotRow, List.of(hot), c, true, false);
            rss.end(hotRow);
            rows.add(hotRow);
            if (c == 8) {
                Row receipts = new Row("commands, many items, 8 clients, Prefer: return=minimal" + suffix);
                receipts.adjacent = adjacentLimit(rawFile);
                rss.begin();
                closedLoop(nodes, receipts, items, c, false, true);
                rss.end(receipts);
                receipts.note = "answered with the short receipt instead of the ~8 KB page";
                rows.add(receipts);
            }
        }
        double rate = Math.max(10, Math.round(peak / 2));
        Row open = new Row(String.format(Locale.ROOT, "open loop at %.0f/s (half of peak), many items%s", rate,
                suffix));
        Row fresh = new Row("freshness under that load (ack -> GET shows version)"
                + (nodes.size() > 1 ? ", GET on the node that took the command" : "") + suffix);
        Row crossFresh = nodes.size() > 1
                ? new Row("cross-node freshness under that load (ack on one node -> GET on the other shows version)"
                + suffix) : null;
        open.adjacent = adjacentLimit(rawFile);
        rss.begin();
        openLoop(nodes, open, fresh, crossFresh, items, rate);
        rss.end(open);
        rows.add(open);
        for (Row f : crossFresh == null ? List.of(fresh) : List.of(fresh, crossFresh)) {
            f.rssPeakKb = open.rssPeakKb;
            f.hwmKb = open.hwmKb;
            rows.add(f);
        }
    }

    /**
     * After a node joins, waits until each node has claimed a segment of every event processor it lists in health
     * (a position of -1 means none yet), so the two-node scenarios run with the work shared.
     */
    static void awaitSegmentsShared(List<Api> nodes) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean shared = true;
            for (Api node : nodes) {
                Health h = node.health();
                shared &= "UP".equals(h.status) && !h.positions.isEmpty()
                        && h.positions.stream().allMatch(p -> p >= 0);
            }
            if (shared) {
                log.println("bench: every node holds segments of every processor");
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the nodes did not share the processors' segments within 90 s");
    }

    // ---------------------------------------------------------------- (1) the limit

    static String jdbcUrl(Path file, String synchronous) {
        // Same file settings as StorageProperties.jdbcUrl() of the service.
        return "jdbc:sqlite:" + file.toAbsolutePath() + "?journal_mode=WAL&synchronous=" + synchronous
                + "&busy_timeout=10000&transaction_mode=IMMEDIATE&foreign_keys=true";
    }

    /**
     * A connection for the raw limit: a SQLite file in the work folder with the service's settings, or the bench's
     * database on the service's PostgreSQL (the cluster's own synchronous_commit, as the service leaves it).
     */
    static Connection rawConnection(Path file) throws Exception {
        Connection c = cfg.postgres() ? DriverManager.getConnection(pg.url)
                : DriverManager.getConnection(jdbcUrl(file, cfg.synchronous));
        try (Statement s = c.createStatement()) {
            if (cfg.postgres()) {
                // A schema of its own: the service's Flyway refuses a non-empty "public" without its history.
                s.execute("CREATE SCHEMA IF NOT EXISTS bench");
                s.execute("CREATE TABLE IF NOT EXISTS " + rawTable()
                        + " (id bigserial PRIMARY KEY, payload bytea NOT NULL)");
            } else {
                s.execute("CREATE TABLE IF NOT EXISTS " + rawTable()
                        + " (id INTEGER PRIMARY KEY AUTOINCREMENT, payload BLOB NOT NULL)");
            }
        }
        return c;
    }

    static String rawTable() {
        return cfg.postgres() ? "bench.raw" : "bench_raw";
    }

    static String rawInsert() {
        return "INSERT INTO " + rawTable() + " (payload) VALUES (?)";
    }

    /** Empties the raw table between measurements, so that a long run does not grow the database by gigabytes. */
    static void emptyRawTable(Connection c) throws Exception {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute((cfg.postgres() ? "TRUNCATE " : "DELETE FROM ") + rawTable());
        }
        c.setAutoCommit(auto);
    }

    /** The raw limit measured right before one scenario, on the same file (or database) as the run's limit. */
    static double adjacentLimit(Path file) throws Exception {
        if (cfg.quick) {
            return Double.NaN;
        }
        byte[] row = new byte[1024];
        new Random(7).nextBytes(row);
        try (Connection c = rawConnection(file)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(rawInsert())) {
                double perSecond = rawRound(c, ps, row, Math.max(1, cfg.roundSeconds / 2));
                rawRow.add("ops", perSecond);
                log.printf("bench:   raw commits right before: %.0f/s%n", perSecond);
                emptyRawTable(c);
                return perSecond;
            }
        }
    }

    static void rawLimit(Path file, double warmupSeconds, int rounds) throws Exception {
        log.printf("bench: raw INSERT+COMMIT on %s%n", cfg.postgres() ? pg.name + " (PostgreSQL)"
                : file + ", synchronous=" + cfg.synchronous);
        byte[] row = new byte[1024];
        new Random(42).nextBytes(row);
        try (Connection c = rawConnection(file)) {
            engineVersion = engineDescription(c);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(rawInsert())) {
                if (warmupSeconds > 0) {
                    rawRound(c, ps, row, warmupSeconds);
                }
                for (int r = 0; r < rounds; r++) {
                    double perSecond = rawRound(c, ps, row, cfg.roundSeconds);
                    rawRow.add("ops", perSecond);
                    log.printf("bench:   raw round %d: %.0f commits/s%n", r + 1, perSecond);
                }
            }
            emptyRawTable(c);
        }
    }

    /** {@code connections} connections, each INSERT+COMMIT in a loop at the same time: what the server takes at once. */
    static void rawParallel(Row row, int connections, int rounds) throws Exception {
        log.printf("bench: raw INSERT+COMMIT on %d connections at once%n", connections);
        byte[] payload = new byte[1024];
        new Random(8).nextBytes(payload);
        for (int r = 0; r < rounds; r++) {
            double[] rates = new double[connections];
            List<Thread> threads = new ArrayList<>();
            List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch ready = new CountDownLatch(connections);
            CountDownLatch go = new CountDownLatch(1);
            for (int k = 0; k < connections; k++) {
                final int index = k;
                Thread t = new Thread(() -> {
                    try (Connection c = rawConnection(null)) {
                        c.setAutoCommit(false);
                        try (PreparedStatement ps = c.prepareStatement(rawInsert())) {
                            ready.countDown();
                            go.await();
                            rates[index] = rawRound(c, ps, payload, cfg.roundSeconds);
                        }
                    } catch (Exception e) {
                        failures.add(e);
                        ready.countDown();
                    }
                }, "bench-raw-" + k);
                threads.add(t);
                t.start();
            }
            ready.await(60, TimeUnit.SECONDS);
            go.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis((long) cfg.roundSeconds + 60));
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            double perSecond = Arrays.stream(rates).sum();
            row.add("ops", perSecond);
            log.printf("bench:   raw round %d on %d connections: %.0f commits/s%n", r + 1, connections, perSecond);
        }
        try (Connection c = rawConnection(null)) {
            emptyRawTable(c);
        }
    }

    static String engineDescription(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            if (!cfg.postgres()) {
                try (ResultSet rs = s.executeQuery("select sqlite_version()")) {
                    rs.next();
                    return "SQLite " + rs.getString(1);
                }
            }
            StringBuilder b = new StringBuilder("PostgreSQL");
            for (String setting : List.of("server_version", "synchronous_commit", "fsync", "wal_sync_method")) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    b.append(setting.equals("server_version") ? " " : ", " + setting + "=").append(rs.getString(1));
                    if (setting.equals("fsync")) {
                        pgFsyncOff = rs.getString(1).equals("off");
                    }
                }
            }
            return b.toString();
        }
    }

    static String engineVersion = "?";
    static boolean pgFsyncOff;
    static String loadBefore = "?";

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static double rawRound(Connection c, PreparedStatement ps, byte[] row, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < end) {
            ps.setBytes(1, row);
            ps.executeUpdate();
            c.commit();
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    static double limit() {
        return rawRow.median("ops");
    }

    // ---------------------------------------------------------------- PostgreSQL

    /**
     * A fresh database for one run on the given cluster (the throw-away test cluster unless --postgres-url names
     * another), dropped at the end; the service's nodes and the raw limit share it.
     */
    static final class PostgresDatabase {
        final String clusterUrl;
        final String name;
        final String url;
        private Connection monitor;

        private PostgresDatabase(String clusterUrl, String name, String url) {
            this.clusterUrl = clusterUrl;
            this.name = name;
            this.url = url;
        }

        static PostgresDatabase create(String clusterUrl) throws Exception {
            Matcher m = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(.*)").matcher(clusterUrl);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a jdbc:postgresql://host:port/database URL: " + clusterUrl);
            }
            String name = "cp_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(clusterUrl); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            log.println("bench: PostgreSQL database " + name);
            return new PostgresDatabase(clusterUrl, name, m.group(1) + name + m.group(3));
        }

        /**
         * CPU time (ms) of the server processes serving this database, by pid, from /proc: on the same machine it
         * counts in the CPU per command. Empty when the server is elsewhere or cannot be asked.
         */
        Map<Long, Long> backendCpu() {
            Map<Long, Long> cpu = new LinkedHashMap<>();
            try {
                if (monitor == null) {
                    monitor = DriverManager.getConnection(url);
                }
                try (Statement s = monitor.createStatement(); ResultSet rs = s.executeQuery("SELECT pid FROM"
                        + " pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                    while (rs.next()) {
                        long millis = cpuMillis(rs.getLong(1));
                        if (millis >= 0) {
                            cpu.put(rs.getLong(1), millis);
                        }
                    }
                }
            } catch (Exception e) {
                cpu.clear();
            }
            return cpu;
        }

        void drop() {
            try {
                if (monitor != null) {
                    monitor.close();
                }
                try (Connection c = DriverManager.getConnection(clusterUrl); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            } catch (Exception e) {
                log.println("bench: could not drop database " + name + ": " + e.getMessage());
            }
        }
    }

    /** The database's server CPU between two {@link PostgresDatabase#backendCpu()} samples; -1 when unknown. */
    static long databaseCpuMillis(Map<Long, Long> before, Map<Long, Long> after) {
        if (after.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    static Map<Long, Long> databaseCpu() {
        return pg == null ? Map.of() : pg.backendCpu();
    }

    // ---------------------------------------------------------------- (2) commands, closed loop

    /**
     * Closed loop: each client sends a command and waits for its answer. With several nodes a client holds one
     * connection to each and sends its requests to them in turn (a load balancer without stickiness).
     */
    static void closedLoop(List<Api> nodes, Row row, List<String> items, int clients, boolean hot, boolean minimal)
            throws Exception {
        log.printf("bench: %s%n", row.name);
        Api api = nodes.get(0);
        // Per item: true when it is in Review (next action request-changes), false when In Progress.
        boolean[] inReview = new boolean[items.size()];
        AtomicLong toggle = new AtomicLong();
        for (int round = -1; round < cfg.rounds; round++) {
            double seconds = round < 0 ? cfg.warmupSeconds : cfg.roundSeconds;
            long headBefore = api.health().head;
            long serviceCpu = serviceCpuMillis();
            Map<Long, Long> databaseCpu = databaseCpu();
            long benchCpu = benchCpuMillis();
            LongList[] latencies = new LongList[clients];
            long[] errors = new long[clients];
            CountDownLatch done = new CountDownLatch(clients);
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            for (int k = 0; k < clients; k++) {
                final int client = k;
                latencies[k] = new LongList();
                Thread t = new Thread(() -> {
                    List<Wire> wires = new ArrayList<>();
                    nodes.forEach(node -> wires.add(new Wire(node.port, minimal)));
                    try {
                        int cursor = client;
                        long sent = client;
                        while (System.nanoTime() < end) {
                            String item;
                            String action;
                            int index;
                            if (hot) {
                                index = 0;
                                item = items.get(0);
                                action = toggle.getAndIncrement() % 2 == 0 ? "request-review" : "request-changes";
                            } else {
                                index = cursor;
                                item = items.get(index);
                                action = inReview[index] ? "request-changes" : "request-review";
                                cursor += clients;
                                if (cursor >= items.size()) {
                                    cursor = client;
                                }
                            }
                            Wire wire = wires.get((int) (sent++ % wires.size()));
                            long t0 = System.nanoTime();
                            Wire.Answer r = wire.action(item, action);
                            latencies[client].add(System.nanoTime() - t0);
                            if (r.status() == 200) {
                                if (!hot) {
                                    inReview[index] = !inReview[index];
                                }
                            } else {
                                errors[client]++;
                            }
                        }
                    } catch (Exception e) {
                        errors[client]++;
                        log.println("bench: client failed: " + e);
                    } finally {
                        wires.forEach(Wire::close);
                        done.countDown();
                    }
                }, "bench-client-" + k);
                t.start();
            }
            if (!done.await((long) (seconds + 60), TimeUnit.SECONDS)) {
                throw new IllegalStateException("clients did not stop");
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            LongList all = LongList.merge(latencies);
            long events = api.health().head - headBefore;
            long errs = Arrays.stream(errors).sum();
            if (round < 0) {
                log.printf("bench:   warm-up: %.0f ops/s%n", all.size() / elapsed);
                continue;
            }
            double ops = all.size() / elapsed;
            row.add("ops", ops);
            row.add("cpuService", (serviceCpuMillis() - serviceCpu) * 1000.0 / all.size());
            addDatabaseCpu(row, databaseCpu, all.size());
            row.add("cpuBench", (benchCpuMillis() - benchCpu) * 1000.0 / all.size());
            row.add("events", events / elapsed);
            row.add("p50", all.percentile(0.50) / 1e6);
            row.add("p99", all.percentile(0.99) / 1e6);
            row.add("p999", all.percentile(0.999) / 1e6);
            row.add("errors", errs);
            log.printf("bench:   round %d: %.0f ops/s, %.0f events/s, p50 %.2f p99 %.2f p99.9 %.2f ms, %d non-2xx%n",
                    round + 1, ops, events / elapsed, all.percentile(0.5) / 1e6, all.percentile(0.99) / 1e6,
                    all.percentile(0.999) / 1e6, errs);
        }
        if (hot) {
            row.note = "request-review/request-changes alternate across clients; a repeat is answered 'already done'"
                    + " (200, no event)" + (nodes.size() > 1 ? "; both nodes decide on the one item, so a"
                    + " conflict that stays one after the service's retries is a 409 (counted as non-2xx)" : "");
        }
        if (nodes.size() > 1) {
            row.note = (row.note.isEmpty() ? "" : row.note + "; ") + "each client's requests go to the "
                    + nodes.size() + " nodes in turn";
        }
    }

    static void addDatabaseCpu(Row row, Map<Long, Long> before, long requests) {
        long millis = databaseCpuMillis(before, databaseCpu());
        if (millis >= 0 && requests > 0) {
            row.add("cpuDatabase", millis * 1000.0 / requests);
        }
    }

    // ---------------------------------------------------------------- (2b, 3) open loop and freshness

    /**
     * Open loop with freshness probes. With several nodes a worker sends its requests to the nodes in turn; probes
     * alternate between the node that took the command ({@code fresh}) and the next one ({@code crossFresh}).
     */
    static void openLoop(List<Api> nodes, Row row, Row fresh, Row crossFresh, List<String> items, double rate)
            throws Exception {
        log.printf("bench: %s%n", row.name);
        Api api = nodes.get(0);
        ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();
        boolean[] inReview = new boolean[items.size()];
        // The closed-loop phases left items in either lane: ask each one where it is.
        for (int i = 0; i < items.size(); i++) {
            inReview[i] = api.lane(items.get(i)).equals("Review");
            free.add(i);
        }
        ExecutorService probes = Executors.newFixedThreadPool(4, daemon("bench-probe"));
        ConcurrentLinkedQueue<Wire> probeWires = new ConcurrentLinkedQueue<>();
        ThreadLocal<List<Wire>> probeWire = ThreadLocal.withInitial(() -> {
            List<Wire> wires = new ArrayList<>();
            nodes.forEach(node -> wires.add(new Wire(node.port)));
            probeWires.addAll(wires);
            return wires;
        });
        try {
            for (int round = -1; round < cfg.openLoopRounds; round++) {
                double seconds = round < 0 ? Math.min(cfg.warmupSeconds, cfg.openLoopSeconds) : cfg.openLoopSeconds;
                long total = (long) (seconds * rate);
                LongList latencies = new LongList();
                LongList freshness = new LongList();
                LongList crossFreshness = new LongList();
                AtomicLong errors = new AtomicLong();
                AtomicLong skipped = new AtomicLong();
                AtomicLong freshTimeouts = new AtomicLong();
                Semaphore probeSlots = new Semaphore(2);
                long start = System.nanoTime() + 10_000_000L;
                long serviceCpu = serviceCpuMillis();
                Map<Long, Long> databaseCpu = databaseCpu();
                long benchCpu = benchCpuMillis();
                long interval = (long) (1e9 / rate);
                AtomicLong next = new AtomicLong();
                // wrk2-style: blocking workers take the scheduled send times in order; a request that starts late
                // because every worker was busy is still measured from its scheduled time (no coordinated omission).
                int workers = 64;
                CountDownLatch done = new CountDownLatch(workers);
                for (int w = 0; w < workers; w++) {
                    Thread worker = new Thread(() -> {
                        List<Wire> wires = new ArrayList<>();
                        nodes.forEach(node -> wires.add(new Wire(node.port)));
                        try {
                            long i;
                            while ((i = next.getAndIncrement()) < total) {
                                long intended = start + i * interval;
                                long wait;
                                while ((wait = intended - System.nanoTime()) > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                                Integer index = free.poll();
                                if (index == null) {
                                    // Every item has a command in flight: the service is far behind the rate.
                                    skipped.incrementAndGet();
                                    continue;
                                }
                                String action = inReview[index] ? "request-changes" : "request-review";
                                int node = (int) (i % wires.size());
                                Wire.Answer r;
                                try {
                                    r = wires.get(node).action(items.get(index), action);
                                } catch (Exception e) {
                                    errors.incrementAndGet();
                                    free.add(index);
                                    continue;
                                }
                                long acked = System.nanoTime();
                                synchronized (latencies) {
                                    latencies.add(acked - intended);
                                }
                                if (r.status() != 200) {
                                    errors.incrementAndGet();
                                    free.add(index);
                                    continue;
                                }
                                inReview[index] = !inReview[index];
                                long version = r.etagVersion();
                                // With several nodes every other probe reads the page on the next node.
                                boolean cross = crossFresh != null && i % 8 == 4;
                                int probed = cross ? (node + 1) % wires.size() : node;
                                LongList into = cross ? crossFreshness : freshness;
                                if (i % 4 == 0 && probeSlots.tryAcquire()) {
                                    probes.execute(() -> {
                                        try {
                                            long deadline = acked + 10_000_000_000L;
                                            while (System.nanoTime() < deadline) {
                                                // Conditional: 304 (no page rendered) while the read model still
                                                // holds the version before this command.
                                                if (probeWire.get().get(probed).page(items.get(index), version - 1)
                                                        .etagVersion() >= version) {
                                                    long f = System.nanoTime() - acked;
                                                    synchronized (into) {
                                                        into.add(f);
                                                    }
                                                    return;
                                                }
                                                LockSupport.parkNanos(1_000_000);
                                            }
                                            freshTimeouts.incrementAndGet();
                                        } catch (Exception ex) {
                                            freshTimeouts.incrementAndGet();
                                        } finally {
                                            probeSlots.release();
                                        }
                                    });
                                }
                                free.add(index);
                            }
                        } finally {
                            wires.forEach(Wire::close);
                            done.countDown();
                        }
                    }, "bench-open-" + w);
                    worker.setDaemon(true);
                    worker.start();
                }
                if (!done.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("open-loop requests did not finish");
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                Thread.sleep(200); // let the last probes finish
                if (round < 0) {
                    log.printf("bench:   warm-up: %d requests, p99 %.2f ms%n", latencies.size(),
                            latencies.percentile(0.99) / 1e6);
                    continue;
                }
                row.add("ops", latencies.size() / elapsed);
                row.add("cpuService", (serviceCpuMillis() - serviceCpu) * 1000.0 / latencies.size());
                addDatabaseCpu(row, databaseCpu, latencies.size());
                row.add("cpuBench", (benchCpuMillis() - benchCpu) * 1000.0 / latencies.size());
                row.add("p50", latencies.percentile(0.50) / 1e6);
                row.add("p99", latencies.percentile(0.99) / 1e6);
                row.add("p999", latencies.percentile(0.999) / 1e6);
                row.add("errors", errors.get());
                row.add("skipped", skipped.get());
                synchronized (freshness) {
                    fresh.add("p50", freshness.percentile(0.50) / 1e6);
                    fresh.add("p99", freshness.percentile(0.99) / 1e6);
                    fresh.add("p999", freshness.percentile(0.999) / 1e6);
                    fresh.add("samples", freshness.size());
                    fresh.add("errors", freshTimeouts.get());
                }
                if (crossFresh != null) {
                    synchronized (crossFreshness) {
                        crossFresh.add("p50", crossFreshness.percentile(0.50) / 1e6);
                        crossFresh.add("p99", crossFreshness.percentile(0.99) / 1e6);
                        crossFresh.add("p999", crossFreshness.percentile(0.999) / 1e6);
                        crossFresh.add("samples", crossFreshness.size());
                    }
                    log.printf("bench:   cross-node freshness p50 %.2f p99 %.2f ms (%d samples)%n",
                            crossFreshness.percentile(0.5) / 1e6, crossFreshness.percentile(0.99) / 1e6,
                            crossFreshness.size());
                }
                log.printf("bench:   round %d: %.0f req/s offered %.0f, p50 %.2f p99 %.2f p99.9 %.2f ms, %d errors, "
                                + "%d skipped; freshness p50 %.2f p99 %.2f ms (%d samples, %d timeouts)%n",
                        round + 1, latencies.size() / elapsed, rate, latencies.percentile(0.5) / 1e6,
                        latencies.percentile(0.99) / 1e6, latencies.percentile(0.999) / 1e6, errors.get(),
                        skipped.get(), freshness.percentile(0.5) / 1e6, freshness.percentile(0.99) / 1e6,
                        freshness.size(), freshTimeouts.get());
            }
        } finally {
            probes.shutdownNow();
            probeWires.forEach(Wire::close);
        }
        fresh.note = "every 4th acknowledged command (<= 2 at once) is probed by a conditional GET (If-None-Match:"
                + " the version before it; 304 until it changes) every ~1 ms until the page shows its version;"
                + " resolution ~2 ms" + (crossFresh == null ? "" : "; half of the probes, the other half on the"
                + " other node (next row); timeouts counted here for both");
        if (crossFresh != null) {
            crossFresh.note = "every 8th acknowledged command, probed as above on the node that did not take it";
        }
    }

    // ---------------------------------------------------------------- (4) replay

    static final Pattern PROJECTION_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STARTED_AT = Pattern.compile("\"startedAt\"\\s*:\\s*(\"[^\"]*\"|[0-9.]+|null)");
    static final Pattern COMPLETED_AT = Pattern.compile("\"completedAt\"\\s*:\\s*(\"[^\"]*\"|[0-9.]+|null)");
    static final Pattern SERVICE_RATE = Pattern.compile("\"eventsPerSecond\"\\s*:\\s*([0-9.eE+-]+)");

    /**
     * Grows the log to {@code size} events by cloning one real item's events under new item ids (service stopped,
     * one transaction), starts the service and lets every read model catch up, then per round replays every
     * projection the service lists ({@code GET /api/admin/projections}: no name is assumed) through
     * {@code POST /api/admin/projections/{name}/replay}, all at once, and polls each every 20 ms until its replay
     * has a completedAt. Events/s = the log's events / (last completion seen - first POST).
     */
    static void replay(Service service, Path data, int size, Row row, RssMonitor rss) throws Exception {
        log.printf("bench: %s%n", row.name);
        service.stop();
        long head = fillLog(data.resolve("control-plane.db"), size);
        service = Service.start(data, rss, true, "bench-node-a");
        Api api = new Api(service.port);
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (api.health().lag > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<String> names = new ArrayList<>();
        Matcher listed = PROJECTION_NAME.matcher(api.get("/api/admin/projections").body());
        while (listed.find()) {
            names.add(listed.group(1));
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("GET /api/admin/projections lists no projection");
        }
        for (int round = 0; round < cfg.replayRounds; round++) {
            Map<String, String> previousStart = new LinkedHashMap<>();
            for (String name : names) {
                Matcher m = STARTED_AT.matcher(api.get("/api/admin/projections/" + name).body());
                previousStart.put(name, m.find() ? m.group(1) : "none");
            }
            rss.begin();
            long posted = System.nanoTime();
            for (String name : names) {
                HttpResponse<String> r = api.post("/api/admin/projections/" + name + "/replay");
                if (r.statusCode() != 202) {
                    throw new IllegalStateException("replay of " + name + " answered " + r.statusCode() + ": "
                            + r.body());
                }
            }
            Map<String, Double> serviceRates = new LinkedHashMap<>();
            String status = "";
            long done = 0;
            while (System.nanoTime() < deadline && serviceRates.size() < names.size()) {
                for (String name : names) {
                    if (serviceRates.containsKey(name)) {
                        continue;
                    }
                    status = api.get("/api/admin/projections/" + name).body();
                    Matcher started = STARTED_AT.matcher(status);
                    Matcher completed = COMPLETED_AT.matcher(status);
                    if (started.find() && !started.group(1).equals(previousStart.get(name)) && completed.find()
                            && !completed.group(1).equals("null")) {
                        Matcher own = SERVICE_RATE.matcher(status);
                        serviceRates.put(name, own.find() ? Double.parseDouble(own.group(1)) : Double.NaN);
                        done = System.nanoTime();
                    }
                }
                Thread.sleep(20);
            }
            rss.end(row);
            if (serviceRates.size() < names.size()) {
                throw new IllegalStateException("the replay did not complete: " + status);
            }
            double rate = (head + 1) / ((done - posted) / 1e9);
            double slowest = serviceRates.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            row.add("ops", rate);
            row.add("events", slowest);
            row.add("seconds", (done - posted) / 1e9);
            log.printf("bench:   round %d: %.0f events/s (service's own figures %s), %.1f s%n", round + 1, rate,
                    serviceRates, (done - posted) / 1e9);
        }
        row.note = "projections " + String.join(", ", names) + ", replayed at once through POST"
                + " /api/admin/projections/{name}/replay (202), each polled every 20 ms until completedAt;"
                + " events/s = the log's events / (last completion seen - first POST); the service's own"
                + " eventsPerSecond (the slowest projection's) is in the events column";
    }

    /** Returns the head globalIndex after adding events until the log holds at least {@code size} events. */
    static long fillLog(Path db, int size) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl(db, cfg.synchronous))) {
            long count;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM DomainEventEntry")) {
                rs.next();
                count = rs.getLong(1);
            }
            if (count < size) {
                // The template: the longest stream that starts with its creation, first 24 events at most.
                String template;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT aggregateIdentifier FROM DomainEventEntry WHERE sequenceNumber = 0"
                                + " AND aggregateIdentifier LIKE 'wi-BF-%' ORDER BY globalIndex LIMIT 1")) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no item to clone in the log");
                    }
                    template = rs.getString(1);
                }
                List<Object[]> events = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT type, timeStamp, payloadType, payloadRevision,"
                        + " payload, metaData FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " ORDER BY sequenceNumber LIMIT 24")) {
                    ps.setString(1, template);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            events.add(new Object[]{rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getBytes(5), rs.getBytes(6)});
                        }
                    }
                }
                String templateKey = template.substring(3); // BF-1
                log.printf("bench:   filling the log from %,d to %,d events (clones of %s's first %d events)%n",
                        count, size, template, events.size());
                long t0 = System.nanoTime();
                c.setAutoCommit(false);
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier,"
                        + " aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision,"
                        + " payload, metaData) VALUES (?,?,?,?,?,?,?,?,?)")) {
                    int batch = 0;
                    while (count < size) {
                        // Unique across fills: the event count when this clone starts.
                        String key = "RP-" + (count + 1);
                        String id = "wi-" + key;
                        for (int seq = 0; seq < events.size() && count < size; seq++) {
                            Object[] e = events.get(seq);
                            String payload = new String((byte[]) e[4], StandardCharsets.UTF_8)
                                    .replace("\"wi-" + templateKey + "\"", "\"" + id + "\"")
                                    .replace("\"" + templateKey + "\"", "\"" + key + "\"");
                            ins.setString(1, UUID.randomUUID().toString());
                            ins.setString(2, id);
                            ins.setLong(3, seq);
                            ins.setString(4, (String) e[0]);
                            ins.setString(5, (String) e[1]);
                            ins.setString(6, (String) e[2]);
                            ins.setString(7, (String) e[3]);
                            ins.setBytes(8, payload.getBytes(StandardCharsets.UTF_8));
                            ins.setBytes(9, (byte[]) e[5]);
                            ins.addBatch();
                            count++;
                            if (++batch == 1000) {
                                ins.executeBatch();
                                batch = 0;
                            }
                        }
                    }
                    ins.executeBatch();
                }
                c.commit();
                c.setAutoCommit(true);
                log.printf("bench:   filled in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(globalIndex) FROM DomainEventEntry")) {
                rs.next();
                // Axon's GapAwareTrackingToken index is the globalIndex of the last event handled.
                return rs.getLong(1);
            }
        }
    }

    // ---------------------------------------------------------------- (6) resident memory

    /**
     * Samples VmRSS of each running service process every 20 ms; a phase keeps the largest process's maximum and
     * VmHWM (with two nodes: the larger node).
     */
    static final class RssMonitor extends Thread {
        final List<Long> pids = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile long phaseMax = 0;
        volatile long hwm = 0;
        volatile boolean running = true;

        RssMonitor() {
            super("bench-rss");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        synchronized void sample() {
            for (long p : pids) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/" + p + "/status"))) {
                        if (line.startsWith("VmRSS:")) {
                            phaseMax = Math.max(phaseMax, kb(line));
                        } else if (line.startsWith("VmHWM:")) {
                            hwm = Math.max(hwm, kb(line));
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }
        }

        static long kb(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }

        synchronized void begin() {
            phaseMax = 0;
            hwm = 0;
            sample();
        }

        synchronized void end(Row row) {
            sample();
            row.rssPeakKb = Math.max(row.rssPeakKb, phaseMax);
            row.hwmKb = Math.max(row.hwmKb, hwm);
        }

        void stopMonitor() {
            running = false;
            interrupt();
        }
    }

    // ---------------------------------------------------------------- the service

    static final List<Process> live = new java.util.concurrent.CopyOnWriteArrayList<>();

    static final class Service {
        static final List<Service> running = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Process process;
        final int port;
        final RssMonitor rss;

        Service(Process process, int port, RssMonitor rss) {
            this.process = process;
            this.port = port;
            this.rss = rss;
        }

        /**
         * Starts the service on a data folder. On PostgreSQL every node shares the run's database under its own
         * node id ({@code nodeId}), with the postgres profile, as the two-node tests start them.
         */
        static Service start(Path data, RssMonitor rss, boolean await, String nodeId) throws Exception {
            Files.createDirectories(data);
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Daxoniq.update-checker.disabled=true");
            cmd.add("-Ddisable-axoniq-console-message=true");
            cmd.addAll(cfg.serviceJvmOptions());
            cmd.addAll(List.of("-jar", cfg.jar.toAbsolutePath().toString(),
                    "--control-plane.storage.data-dir=" + data.toAbsolutePath(),
                    "--control-plane.storage.synchronous=" + cfg.synchronous,
                    "--server.port=" + port,
                    "--server.address=127.0.0.1",
                    "--control-plane.security.generate-admin-token=false",
                    "--control-plane.security.tokens[0].actor=bench",
                    "--control-plane.security.tokens[0].sha256=" + sha,
                    "--control-plane.security.tokens[0].permissions=*"));
            if (cfg.postgres()) {
                cmd.addAll(List.of("--spring.profiles.active=postgres",
                        "--control-plane.postgres.jdbc-url=" + pg.url,
                        "--control-plane.node-id=" + nodeId));
            }
            cmd.addAll(cfg.serviceArgs);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("service.log").toFile()));
            Process p = pb.start();
            live.add(p);
            rss.pids.add(p.pid());
            log.printf("bench: service pid %d on 127.0.0.1:%d (log %s)%n", p.pid(), port, data.resolve("service.log"));
            Service s = new Service(p, port, rss);
            running.add(s);
            if (await) {
                s.awaitHealthy();
            }
            return s;
        }

        void awaitHealthy() throws Exception {
            Api api = new Api(port);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited with " + process.exitValue());
                }
                try {
                    if (api.health().up) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the service did not become healthy");
        }

        void stop() throws Exception {
            rss.sample();
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            rss.pids.remove(process.pid());
            running.remove(this);
        }
    }

    // ---------------------------------------------------------------- HTTP

    /** What the bench reads from /api/health (with its admin token: without one it answers the status alone). */
    static final class Health {
        /** 200: UP or DEGRADED (the read side catching up; the service serves). */
        boolean up;
        /** The overall status: UP, DEGRADED, DOWN ... */
        String status = "?";
        long head;
        /** The largest lag of any event processor this node lists; no processor is named. */
        long lag;
        /** Each listed processor's position on this node (-1 while it holds no segment). */
        List<Long> positions = new ArrayList<>();
    }

    static final class Api {
        static final HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        final String base;
        final int port;

        Api(int port) {
            this.port = port;
            base = "http://127.0.0.1:" + port;
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + TOKEN);
        }

        static final Pattern HEAD = Pattern.compile("\"head\"\\s*:\\s*(-?\\d+)");

        Health health() throws Exception {
            // Health's details (head, positions, lag) need an admin token; without one it answers the status alone.
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Health h = new Health();
            String body = r.body();
            h.up = r.statusCode() == 200;
            Matcher m = HEAD.matcher(body);
            h.head = m.find() ? Long.parseLong(m.group(1)) : -1;
            Matcher status = STATUS.matcher(body);
            h.status = status.find() ? status.group(1) : "?";
            Matcher lag = LAG.matcher(body);
            while (lag.find()) {
                h.lag = Math.max(h.lag, Long.parseLong(lag.group(1)));
            }
            Matcher position = POSITION.matcher(body);
            while (position.find()) {
                h.positions.add(Long.parseLong(position.group(1)));
            }
            return h;
        }

        static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
        static final Pattern LAG = Pattern.compile("\"lag\"\\s*:\\s*(-?\\d+)");
        static final Pattern POSITION = Pattern.compile("\"position\"\\s*:\\s*(-?\\d+)");

        HttpResponse<Void> action(String item, String action) throws Exception {
            return client.send(actionRequest(item, action), HttpResponse.BodyHandlers.discarding());
        }

        HttpRequest actionRequest(String item, String action) {
            return request("/api/control-plane/items/" + item + "/actions/" + action)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
        }

        String lane(String item) throws Exception {
            HttpResponse<String> r = client.send(request("/api/control-plane/items/" + item).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"lane\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
            return m.find() ? m.group(1) : "?";
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path) throws Exception {
            return client.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Creates {@code count} items and moves each to In Progress; returns their ids. */
        List<String> setUpItems(String project, int count) throws Exception {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String key = project + "-" + i;
                String body = "{\"key\":\"" + key + "\",\"title\":\"bench item " + i + "\",\"workType\":\"feature\","
                        + "\"doneCriteria\":[{\"name\":\"c\",\"met\":true}],"
                        + "\"pullRequest\":{\"url\":\"https://x/pr/" + i + "\",\"state\":\"open\"}}";
                HttpResponse<String> r = client.send(request("/api/control-plane/items")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("create " + key + " -> " + r.statusCode() + " " + r.body());
                }
                String id = "wi-" + key;
                for (String action : List.of("mark-ready", "start-execution")) {
                    HttpResponse<Void> a = action(id, action);
                    if (a.statusCode() != 200) {
                        throw new IllegalStateException(action + " " + id + " -> " + a.statusCode());
                    }
                }
                ids.add(id);
            }
            return ids;
        }
    }

    // ---------------------------------------------------------------- the load generator's own client

    /**
     * A minimal blocking HTTP/1.1 client, one keep-alive connection per load thread. java.net.http.HttpClient
     * spends several times the service's own CPU per request on its async machinery, and the load generator shares
     * the machine's cores with the service: every microsecond it burns is taken from the service being measured.
     * Only what the load loops need: a bodiless POST or GET, the status and the ETag; the body is read and dropped.
     */
    static final class Wire implements AutoCloseable {
        record Answer(int status, long etagVersion) {
        }

        private final int port;
        private final byte[] auth;
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;
        private final byte[] line = new byte[8192];
        private final byte[] sink = new byte[16384];

        Wire(int port) {
            this(port, false);
        }

        /** {@code minimal}: ask for the short receipt instead of the page (Prefer: return=minimal). */
        Wire(int port, boolean minimal) {
            this.port = port;
            this.auth = ("Authorization: Bearer " + TOKEN + "\r\n" + (minimal ? "Prefer: return=minimal\r\n" : ""))
                    .getBytes(StandardCharsets.US_ASCII);
        }

        Answer action(String item, String action) throws IOException {
            return send("POST", "/api/control-plane/items/" + item + "/actions/" + action);
        }

        /** The page, or 304 while the read model still holds {@code heldVersion} (If-None-Match). */
        Answer page(String item, long heldVersion) throws IOException {
            return send("GET", "/api/control-plane/items/" + item, "If-None-Match: \"" + heldVersion + "\"\r\n");
        }

        private Answer send(String method, String path) throws IOException {
            return send(method, path, "");
        }

        private Answer send(String method, String path, String extraHeaders) throws IOException {
            for (int attempt = 0; ; attempt++) {
                boolean reused = socket != null;
                try {
                    connectIfNeeded();
                    out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + (method.equals("POST") ? "Content-Length: 0\r\n" : "") + extraHeaders)
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(auth);
                    out.write('\r');
                    out.write('\n');
                    out.flush();
                    return read();
                } catch (IOException e) {
                    close();
                    // A kept-alive connection the server closed in between: once more on a new one. A POST is only
                    // resent when nothing of its answer arrived, as any HTTP client does for idempotent retries.
                    if (!reused || attempt > 0) {
                        throw e;
                    }
                }
            }
        }

        private void connectIfNeeded() throws IOException {
            if (socket == null) {
                socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
                out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1024);
            }
        }

        private Answer read() throws IOException {
            String status = readLine();
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                throw new IOException("no HTTP answer: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            long etag = -1;
            String header;
            while ((header = readLine()) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    case "etag" -> etag = Long.parseLong(value.replace("W/", "").replace("\"", ""));
                    default -> {
                    }
                }
            }
            if (chunked) {
                long size;
                while ((size = Long.parseLong(readLine().split(";")[0].trim(), 16)) > 0) {
                    skip(size);
                    readLine();
                }
                while ((header = readLine()) != null && !header.isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            }
            if (closeAfter) {
                close();
            }
            return new Answer(code, etag);
        }

        private void skip(long bytes) throws IOException {
            while (bytes > 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, bytes));
                if (n < 0) {
                    throw new IOException("connection closed inside an answer");
                }
                bytes -= n;
            }
        }

        private String readLine() throws IOException {
            int n = 0;
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    int end = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                    return new String(line, 0, end, StandardCharsets.ISO_8859_1);
                }
                if (n == line.length) {
                    throw new IOException("header line too long");
                }
                line[n++] = (byte) b;
            }
            if (n == 0) {
                throw new IOException("connection closed");
            }
            return new String(line, 0, n, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    // ---------------------------------------------------------------- the table

    static String table(Duration took) {
        StringBuilder b = new StringBuilder();
        double limit = limit();
        b.append(String.format(Locale.ROOT, "%n## Results (%s, %s, %d rounds of %.0f s after a %.0f s warm-up;"
                        + " median (min–max))%n%n", cfg.postgres() ? "PostgreSQL, " + engineVersion
                        : "synchronous=" + cfg.synchronous, cfg.quick ? "QUICK smoke run, not a measurement" : "full run",
                cfg.rounds, cfg.roundSeconds, cfg.warmupSeconds));
        b.append("| measure | per second | x limit | x adjacent limit | p50 ms | p99 ms | p99.9 ms | peak RSS MB (VmHWM) | notes |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String ratio = Double.isNaN(r.median("ops")) ? "-" : String.format(Locale.ROOT, "%.2f", r.median("ops") / limit);
            String rss = r.rssPeakKb < 0 ? "-" : String.format(Locale.ROOT, "%d (%d)", r.rssPeakKb / 1024, r.hwmKb / 1024);
            String note = r.note;
            if (r.figures.containsKey("events") && !r.name.startsWith("replay")) {
                note = "events/s " + r.cell("events", "%.0f") + (note.isEmpty() ? "" : "; " + note);
            }
            if (r.figures.containsKey("events") && r.name.startsWith("replay")) {
                note = "service's own figure: " + r.cell("events", "%.0f") + " events/s, took "
                        + r.cell("seconds", "%.1f") + " s; " + note;
            }
            if (r.figures.containsKey("cpuService")) {
                note = "CPU per request: service " + r.cell("cpuService", "%.0f") + " µs"
                        + (r.figures.containsKey("cpuDatabase") ? ", PostgreSQL (this database's server"
                        + " processes) " + r.cell("cpuDatabase", "%.0f") + " µs" : "")
                        + ", load generator " + r.cell("cpuBench", "%.0f") + " µs" + (note.isEmpty() ? "" : "; " + note);
            }
            if (raw8Row != null && r != raw8Row && r != rawRow && r.name.contains("8 clients")
                    && !Double.isNaN(raw8Row.median("ops"))) {
                note = String.format(Locale.ROOT, "%.2fx the raw rate on 8 connections; ",
                        r.median("ops") / raw8Row.median("ops")) + note;
            }
            if (r.figures.containsKey("samples")) {
                note = "samples/round " + r.cell("samples", "%.0f") + "; " + note;
            }
            if (r.figures.containsKey("errors") && r.figures.get("errors").stream().anyMatch(v -> v > 0)) {
                note = "non-2xx/timeouts " + r.cell("errors", "%.0f") + "; " + note;
            }
            if (r.figures.containsKey("skipped") && r.figures.get("skipped").stream().anyMatch(v -> v > 0)) {
                note = "requests not sent because every item had one in flight (service behind the rate) "
                        + r.cell("skipped", "%.0f") + "; " + note;
            }
            b.append("| ").append(r.name)
                    .append(" | ").append(r.cell("ops", "%.0f"))
                    .append(" | ").append(r == rawRow ? "1.00" : ratio)
                    .append(" | ").append(Double.isNaN(r.adjacent) ? "-" : String.format(Locale.ROOT, "%.2f (%.0f/s)",
                            r.median("ops") / r.adjacent, r.adjacent))
                    .append(" | ").append(r.cell("p50", "%.2f"))
                    .append(" | ").append(r.cell("p99", "%.2f"))
                    .append(" | ").append(r.cell("p999", "%.2f"))
                    .append(" | ").append(r == rawRow ? "(not the service)" : rss)
                    .append(" | ").append(note.replace("|", "/"))
                    .append(" |\n");
        }
        b.append(String.format(Locale.ROOT, "%nLimit = median of every raw INSERT+COMMIT round of the run (start, right"
                + " before each scenario ('adjacent'), end):"
                + " %.0f/s. %s, %s, %d cores, Java %s, 1-min load average %s at start and %s at end. Service JVM options: %s; extra service arguments: %s. Took %d s.%n",
                limit, engineVersion,
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore, loadAverage(),
                jvmOptionsText(),
                cfg.serviceArgs.isEmpty() ? "none" : String.join(" ", cfg.serviceArgs), took.toSeconds()));
        if (cfg.postgres()) {
            b.append(String.format(Locale.ROOT, "%nPostgreSQL: one database for the run (%s) on %s; the raw rows are"
                    + " INSERT+COMMIT into a table of that database from the bench's JVM through JDBC, with the"
                    + " cluster's own synchronous_commit, as the service leaves it. Two nodes: two service JVMs on"
                    + " the same database, each client sending to both in turn.%n", pg == null ? "?" : pg.name,
                    cfg.postgresUrl.replaceAll("password=[^&]*", "password=***")));
            if (pgFsyncOff) {
                b.append(String.format(Locale.ROOT, "%n**fsync is off on this cluster** (the throw-away test cluster of"
                        + " scripts/start-test-postgres.sh): no commit here is durable, so the limit is not a durable"
                        + " commit rate and the ratios are not comparable with the SQLite table. Measure with"
                        + " --postgres-url on a cluster with fsync on.%n"));
            }
        }
        return b.toString();
    }

    /** CPU time (user + system) of a process in ms, from /proc; -1 when it cannot be read. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Every running node's CPU time, summed. */
    static long serviceCpuMillis() {
        long sum = 0;
        for (long pid : serviceRss.pids) {
            sum += Math.max(0, cpuMillis(pid));
        }
        return sum;
    }

    static long benchCpuMillis() {
        return cpuMillis(ProcessHandle.current().pid());
    }

    static RssMonitor serviceRss;

    static String jvmOptionsText() {
        try {
            List<String> options = cfg.serviceJvmOptions();
            return options.isEmpty() ? "none (JVM defaults)" : String.join(" ", options)
                    + (cfg.jvmDefaults ? "" : " (the production unit's heap and GC options)");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- bits

    static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        static LongList merge(LongList[] lists) {
            LongList all = new LongList();
            for (LongList l : lists) {
                for (int i = 0; i < l.size; i++) {
                    all.add(l.values[i]);
                }
            }
            return all;
        }

        /** Nearest-rank percentile; NaN when empty. */
        double percentile(double p) {
            if (size == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p * size) - 1;
            return sorted[Math.max(0, Math.min(size - 1, rank))];
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        }
    }
}
