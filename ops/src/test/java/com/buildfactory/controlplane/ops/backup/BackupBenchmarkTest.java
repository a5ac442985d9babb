package com.buildfactory.controlplane.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.drill.DrillService;
import com.buildfactory.controlplane.ops.restore.RestoreRequest;
import com.buildfactory.controlplane.ops.restore.RestoreResult;
import com.buildfactory.controlplane.ops.restore.RestoreService;
import com.buildfactory.controlplane.ops.target.ArchiveTarget;
import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import com.buildfactory.controlplane.ops.target.S3Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archive size, backup time and restore-and-verify time for a large store. Not a unit test: it runs only when asked,
 * {@code ./mvnw -B -q -pl ops -am test -Dtest=BackupBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbenchmark=true -Dbenchmark.events=100000} (optionally {@code -Dbenchmark.targets=s3,encrypted,local,load}), and
 * prints its numbers.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class BackupBenchmarkTest {

    @TempDir
    Path temp;

    @Test
    void measureBackupAndRestore() throws Exception {
        int events = Integer.getInteger("benchmark.events", 100_000);
        EventStoreFixture store = new EventStoreFixture(temp.resolve("live.db"), 1, Instant.parse("2026-01-01T00:00:00Z"));
        long generating = System.nanoTime();
        for (int done = 0; done < events; done += 50_000) {
            store.append(Math.min(50_000, events - done), 20);
        }
        report("store of %,d events generated in %.1f s, database %,d bytes", events, seconds(generating),
                Files.size(store.database()));

        for (int round = 0; round < 2; round++) {
            Path folder = Files.createDirectories(temp.resolve("export-" + round));
            long exporting = System.nanoTime();
            long cpu = processCpuNanos();
            ExportResult export = new EventLogExporter(store.database()).export(0, folder, null);
            report("export alone (the read transaction), round %d: %.2f s (CPU %.2f s) for %,d events, %,d bytes",
                    round + 1, seconds(exporting), (processCpuNanos() - cpu) / 1e9, export.eventCount(),
                    export.parts().stream().mapToLong(part -> part.size()).sum());
        }
        if (Boolean.getBoolean("benchmark.exportOnly")) {
            return;
        }
        String targets = System.getProperty("benchmark.targets", "s3,encrypted,local,load");
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            s3.createBucket("bench");
            if (targets.contains("s3")) {
                measure("S3Proxy", new S3Target(s3.config("bench", "cp")), store, events, null);
            }
            if (targets.contains("encrypted")) {
                measure("S3Proxy, encrypted", new S3Target(s3.config("bench", "enc")), store, events,
                        ArchiveKey.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
            }
        }
        if (targets.contains("local")) {
            measure("local folder", new LocalFolderTarget(temp.resolve("backups")), store, events, null);
        }
        if (targets.contains("load")) {
            measureCommitsDuringBackup(store);
        }
    }

    private void measure(String where, ArchiveTarget target, EventStoreFixture store, int events, ArchiveKey key)
            throws Exception {
        BackupStatusStore status = new BackupStatusStore();
        BackupService backups = new BackupService(store.database(), target,
                BackupConfig.of("bench", temp.resolve("work"), key), status, Clock.systemUTC());
        MemoryPeaks backupMemory = MemoryPeaks.sampling();
        long backupCpu = processCpuNanos();
        long started = System.nanoTime();
        BackupRun run = backups.backup(ArchiveKind.FULL);
        double backupSeconds = seconds(started);
        backupCpu = processCpuNanos() - backupCpu;
        backupMemory.finish();
        assertThat(run.outcome()).as(run.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        ArchiveManifest manifest = backups.catalog().manifest(run.archive());

        RestoreService restores = new RestoreService(backups.catalog(), key, temp.resolve("work"));
        Path restored = temp.resolve(where.replaceAll("\\W", "") + "/store.db");
        MemoryPeaks restoreMemory = MemoryPeaks.sampling();
        long restoreCpu = processCpuNanos();
        started = System.nanoTime();
        RestoreResult result = restores.restore(RestoreRequest.latest(restored));
        double restoreSeconds = seconds(started);
        restoreCpu = processCpuNanos() - restoreCpu;
        restoreMemory.finish();
        assertThat(result.eventCount()).isEqualTo(events);

        DrillService drills = new DrillService(restores, backups.catalog(), temp.resolve("scratch"), status,
                Clock.systemUTC());
        DrillReport drill = drills.drill();
        assertThat(drill.passed()).as(drill.detail()).isTrue();

        report("%s: %,d events -> archive %,d bytes (events %,d, snapshots %,d); backup incl. upload and verify"
                        + " %.2f s; restore incl. download, SHA-256, insert, integrity_check %.2f s; drill %.2f s;"
                        + " restored file %,d bytes",
                where, events, manifest.totalSize(), manifest.part("events.ndjson.gz").size(),
                manifest.part("snapshots.ndjson.gz").size(), backupSeconds, restoreSeconds,
                drill.took().toMillis() / 1000.0, Files.size(restored));
        report("%s: CPU time of this JVM (all threads, S3Proxy included): backup %.1f s, restore %.1f s; 1-min load"
                + " average now %.2f", where, backupCpu / 1e9, restoreCpu / 1e9,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report("%s: memory of this JVM (max heap %d MB; S3Proxy runs in it too), sampled every 20 ms: backup %s;"
                + " restore %s", where, Runtime.getRuntime().maxMemory() >> 20, backupMemory, restoreMemory);
        target.close();
    }

    /** A writer commits one event every 2 ms, first alone, then while a full backup runs: how long do commits take? */
    private void measureCommitsDuringBackup(EventStoreFixture store) throws Exception {
        BackupService backups = new BackupService(store.database(), new LocalFolderTarget(temp.resolve("load")),
                BackupConfig.of("bench", temp.resolve("work"), null), new BackupStatusStore(), Clock.systemUTC());
        long[] backupNanos = new long[1];
        commitLatencies(store, "no backup", () -> Thread.sleep(3_000));
        commitLatencies(store, "during a full backup", () -> {
            long started = System.nanoTime();
            BackupRun run = backups.backup(ArchiveKind.FULL);
            backupNanos[0] = System.nanoTime() - started;
            assertThat(run.outcome()).as(run.reason()).isEqualTo(BackupRun.Outcome.SUCCEEDED);
        });
        report("the backup under load took %.1f s", backupNanos[0] / 1e9);
    }

    /** Highest heap in use (garbage included) and highest VmRSS of this process while it runs. */
    private static final class MemoryPeaks extends Thread {
        private volatile boolean running = true;
        private long heap;
        private long rss;

        static MemoryPeaks sampling() {
            MemoryPeaks peaks = new MemoryPeaks();
            peaks.setDaemon(true);
            peaks.start();
            return peaks;
        }

        @Override
        public void run() {
            Runtime runtime = Runtime.getRuntime();
            while (running) {
                heap = Math.max(heap, runtime.totalMemory() - runtime.freeMemory());
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                        if (line.startsWith("VmRSS:")) {
                            rss = Math.max(rss, Long.parseLong(line.replaceAll("\\D", "")) << 10);
                        }
                    }
                    Thread.sleep(20);
                } catch (Exception e) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join();
        }

        @Override
        public String toString() {
            return String.format("heap peak %d MB, RSS peak %d MB", heap >> 20, rss >> 20);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void commitLatencies(EventStoreFixture store, String label, Work work) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong maxWal = new java.util.concurrent.atomic.AtomicLong();
        java.util.List<Long> latencies = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Path wal = store.database().resolveSibling(store.database().getFileName() + "-wal");
        String aggregate = java.util.UUID.randomUUID().toString();
        Thread writer = new Thread(() -> {
            try (java.sql.Connection connection = store.connect()) {
                connection.setAutoCommit(false);
                try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry"
                        + " (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,"
                        + " payload) VALUES (?, ?, ?, 'WorkItem', ?, 'LaneChanged', ?)")) {
                    for (long sequence = 0; running.get(); sequence++) {
                        long start = System.nanoTime();
                        insert.setString(1, java.util.UUID.randomUUID().toString());
                        insert.setString(2, aggregate);
                        insert.setLong(3, sequence);
                        insert.setString(4, Instant.now().toString());
                        insert.setBytes(5, "{\"lane\":\"build\"}".getBytes());
                        insert.executeUpdate();
                        connection.commit();
                        latencies.add(System.nanoTime() - start);
                        maxWal.accumulateAndGet(Files.exists(wal) ? Files.size(wal) : 0, Math::max);
                        Thread.sleep(2);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        Thread.sleep(300);
        latencies.clear();
        work.run();
        running.set(false);
        writer.join();
        java.util.List<Long> sorted = new java.util.ArrayList<>(latencies);
        java.util.Collections.sort(sorted);
        report("commits %s: %,d commits, p50 %.1f ms, p99 %.1f ms, max %.1f ms; WAL peak %,d bytes", label,
                sorted.size(), sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6, maxWal.get());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void report(String format, Object... args) {
        System.out.println("BENCHMARK " + String.format(format, args));
    }
}
