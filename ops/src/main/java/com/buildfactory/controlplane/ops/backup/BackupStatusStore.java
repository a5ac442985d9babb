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
import java.util.List;
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

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, ArchiveJson.write(new Saved(List.copyOf(runs), lastFailure, lastDrill, lastRetention)));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot write backup status file {}: {}", file, e.toString());
        }
    }

    private record Saved(List<BackupRun> runs, BackupRun lastFailure, DrillReport lastDrill, RetentionRun lastRetention) {
    }
}
