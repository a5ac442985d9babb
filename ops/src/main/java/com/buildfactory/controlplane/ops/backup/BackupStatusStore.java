package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveJson;
import com.buildfactory.controlplane.ops.retention.RetentionRun;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run history: the last {@value #KEPT_RUNS} runs, the last failure, the last drill and the last retention run. Kept in memory and,
 * when given a file, written there after every change so that a restart still shows the last failure.
 */
public final class BackupStatusStore {

    static final int KEPT_RUNS = 50;
    private static final Logger log = LoggerFactory.getLogger(BackupStatusStore.class);

    private final Path file;
    private final Deque<BackupRun> runs = new ArrayDeque<>();
    private BackupRun lastFailure;
    private DrillReport lastDrill;
    private RetentionRun lastRetention;
    private ScrubReport lastScrub;
    private final Map<String, ArchiveCheck> checks = new LinkedHashMap<>();

    /** In memory only. */
    public BackupStatusStore() {
        this(null);
    }

    /** Persisted to {@code file} (JSON), loaded from it when present. */
    public BackupStatusStore(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try {
                Saved saved = ArchiveJson.MAPPER.readValue(file.toFile(), new TypeReference<Saved>() { });
                if (saved.runs() != null) {
                    runs.addAll(saved.runs());
                }
                lastFailure = saved.lastFailure();
                lastDrill = saved.lastDrill();
                lastRetention = saved.lastRetention();
                lastScrub = saved.lastScrub();
                if (saved.checks() != null) {
                    checks.putAll(saved.checks());
                }
            } catch (IOException e) {
                log.warn("Ignoring unreadable backup status file {}: {}", file, e.toString());
            }
        }
    }

    public synchronized void record(BackupRun run) {
        runs.addLast(run);
        while (runs.size() > KEPT_RUNS) {
            runs.removeFirst();
        }
        if (run.outcome() == BackupRun.Outcome.FAILED) {
            lastFailure = run;
        }
        save();
    }

    public synchronized void record(DrillReport drill) {
        lastDrill = drill;
        save();
    }

    public synchronized void record(RetentionRun retention) {
        lastRetention = retention;
        save();
    }

    /**
     * A scrub's result: its report and each archive's check. With the complete listing, checks of archives no
     * longer listed are dropped; a run that stopped early passes null and drops nothing.
     */
    public synchronized void record(ScrubReport scrub, List<ArchiveCheck> archiveChecks, List<String> listed) {
        lastScrub = scrub;
        archiveChecks.forEach(check -> checks.put(check.archive(), check));
        if (listed != null) {
            checks.keySet().retainAll(listed);
        }
        save();
    }

    public synchronized List<BackupRun> runs() {
        return List.copyOf(new ArrayList<>(runs));
    }

    public synchronized BackupRun lastFailure() {
        return lastFailure;
    }

    public synchronized DrillReport lastDrill() {
        return lastDrill;
    }

    public synchronized RetentionRun lastRetention() {
        return lastRetention;
    }

    public synchronized ScrubReport lastScrub() {
        return lastScrub;
    }

    public synchronized ArchiveCheck scrubOf(String archive) {
        return checks.get(archive);
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, ArchiveJson.write(new Saved(List.copyOf(runs), lastFailure, lastDrill, lastRetention,
                    lastScrub, Map.copyOf(checks))));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot write backup status file {}: {}", file, e.toString());
        }
    }

    private record Saved(List<BackupRun> runs, BackupRun lastFailure, DrillReport lastDrill, RetentionRun lastRetention,
                         ScrubReport lastScrub, Map<String, ArchiveCheck> checks) {
    }
}
