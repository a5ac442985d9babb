package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveJson;
import com.buildfactory.controlplane.ops.retention.RetentionRun;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.buildfactory.controlplane.storage.SharedDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run history: the last {@value #KEPT_RUNS} runs, the last failure, the last drill and the last retention run. Kept
 * in memory and, when given a document, written there after every change so that a restart still shows the last
 * failure: a file beside a single node's store, or a row of the shared database on PostgreSQL, which every node then
 * reads before answering, so that health and the admin API say the same on every node whichever node took the run.
 */
public final class BackupStatusStore {

    static final int KEPT_RUNS = 50;
    private static final long REFRESH_NANOS = 500_000_000L;
    private static final Logger log = LoggerFactory.getLogger(BackupStatusStore.class);

    private final SharedDocument document;
    private final Deque<BackupRun> runs = new ArrayDeque<>();
    private BackupRun lastFailure;
    private DrillReport lastDrill;
    private RetentionRun lastRetention;
    private ScrubReport lastScrub;
    private final Map<String, ArchiveCheck> checks = new LinkedHashMap<>();
    private long refreshedAt = System.nanoTime() - 2 * REFRESH_NANOS;

    /** In memory only. */
    public BackupStatusStore() {
        this((SharedDocument) null);
    }

    /** Persisted to {@code file} (JSON), loaded from it when present. */
    public BackupStatusStore(Path file) {
        this(file == null ? null : new StatusFile(file));
    }

    /** Persisted to {@code document} (JSON); a shared one is read again before every use. */
    public BackupStatusStore(SharedDocument document) {
        this.document = document;
        load();
    }

    private void load() {
        if (document == null) {
            return;
        }
        try {
            Optional<byte[]> stored = document.read();
            if (stored.isEmpty()) {
                return;
            }
            Saved saved = ArchiveJson.MAPPER.readValue(stored.get(), new TypeReference<Saved>() { });
            runs.clear();
            checks.clear();
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
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring unreadable backup status {}: {}", document, e.toString());
        }
    }

    /**
     * A shared document may have been written by another node since: read it again, at most once per
     * {@link #REFRESH_NANOS} (a status answer asks for the run history, the drill, the scrub and every archive's
     * check one by one; they come from one read).
     */
    private void refresh() {
        if (document != null && document.shared() && System.nanoTime() - refreshedAt > REFRESH_NANOS) {
            load();
            refreshedAt = System.nanoTime();
        }
    }

    public synchronized void record(BackupRun run) {
        refreshedAt = System.nanoTime() - 2 * REFRESH_NANOS;
        refresh();
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
        refreshedAt = System.nanoTime() - 2 * REFRESH_NANOS;
        refresh();
        lastDrill = drill;
        save();
    }

    public synchronized void record(RetentionRun retention) {
        refreshedAt = System.nanoTime() - 2 * REFRESH_NANOS;
        refresh();
        lastRetention = retention;
        save();
    }

    /**
     * A scrub's result: its report and each archive's check. With the complete listing, checks of archives no
     * longer listed are dropped; a run that stopped early passes null and drops nothing.
     */
    public synchronized void record(ScrubReport scrub, List<ArchiveCheck> archiveChecks, List<String> listed) {
        refreshedAt = System.nanoTime() - 2 * REFRESH_NANOS;
        refresh();
        lastScrub = scrub;
        archiveChecks.forEach(check -> checks.put(check.archive(), check));
        if (listed != null) {
            checks.keySet().retainAll(listed);
        }
        save();
    }

    public synchronized List<BackupRun> runs() {
        refresh();
        return List.copyOf(new ArrayList<>(runs));
    }

    public synchronized BackupRun lastFailure() {
        refresh();
        return lastFailure;
    }

    public synchronized DrillReport lastDrill() {
        refresh();
        return lastDrill;
    }

    public synchronized RetentionRun lastRetention() {
        refresh();
        return lastRetention;
    }

    public synchronized ScrubReport lastScrub() {
        refresh();
        return lastScrub;
    }

    public synchronized ArchiveCheck scrubOf(String archive) {
        refresh();
        return checks.get(archive);
    }

    private void save() {
        if (document == null) {
            return;
        }
        try {
            document.write(ArchiveJson.write(new Saved(List.copyOf(runs), lastFailure, lastDrill, lastRetention,
                    lastScrub, Map.copyOf(checks))));
        } catch (RuntimeException e) {
            log.warn("Cannot write backup status {}: {}", document, e.toString());
        }
    }

    private record Saved(List<BackupRun> runs, BackupRun lastFailure, DrillReport lastDrill, RetentionRun lastRetention,
                         ScrubReport lastScrub, Map<String, ArchiveCheck> checks) {
    }
}
