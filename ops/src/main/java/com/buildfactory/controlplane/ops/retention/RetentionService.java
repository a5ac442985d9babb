package com.buildfactory.controlplane.ops.retention;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.archive.CatalogEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes archives older than the window, except the newest verified full archive and everything a kept archive
 * depends on (its full and the incrementals between). Removes manifest-less folders and aborts unfinished
 * multipart uploads older than the stale age. An archive's manifest is deleted before its parts, so an archive
 * half-way through deletion is never listed as usable.
 */
public final class RetentionService {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final ArchiveCatalog catalog;
    private final RetentionPolicy policy;
    private final Clock clock;

    public RetentionService(ArchiveCatalog catalog, RetentionPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.policy = policy;
        this.clock = clock;
    }

    public synchronized RetentionReport apply() {
        Instant now = clock.instant();
        Instant keepAfter = now.minus(policy.keepFor());
        Instant staleBefore = now.minus(policy.staleUploadAge());
        List<CatalogEntry> entries = catalog.entries();

        Map<String, CatalogEntry> complete = new HashMap<>();
        List<CatalogEntry> unfinished = new ArrayList<>();
        for (CatalogEntry entry : entries) {
            if (entry.complete()) {
                complete.put(entry.name().value(), entry);
            } else if (entry.name().createdAt().isBefore(staleBefore)) {
                unfinished.add(entry);
            }
        }
        Optional<CatalogEntry> newestVerifiedFull = entries.stream()
                .filter(entry -> entry.sound() && entry.name().kind() == ArchiveKind.FULL)
                .reduce((older, newer) -> newer);

        Set<String> keep = new LinkedHashSet<>();
        Deque<String> toVisit = new ArrayDeque<>();
        newestVerifiedFull.ifPresent(entry -> toVisit.add(entry.name().value()));
        complete.values().stream().filter(entry -> !entry.name().createdAt().isBefore(keepAfter))
                .forEach(entry -> toVisit.add(entry.name().value()));
        while (!toVisit.isEmpty()) {
            String name = toVisit.pop();
            if (!keep.add(name)) {
                continue;
            }
            ArchiveManifest manifest = catalog.manifest(name);
            if (manifest.basedOn() != null && complete.containsKey(manifest.basedOn())) {
                toVisit.add(manifest.basedOn());
            }
        }

        List<String> deleted = new ArrayList<>();
        for (CatalogEntry entry : entries) {
            if (entry.complete() && !keep.contains(entry.name().value())) {
                catalog.delete(entry);
                deleted.add(entry.name().value());
            }
        }
        List<String> removedUnfinished = new ArrayList<>();
        for (CatalogEntry entry : unfinished) {
            catalog.delete(entry);
            removedUnfinished.add(entry.name().value());
        }
        int aborted = catalog.target().abortStaleUploads(staleBefore);
        RetentionReport report = new RetentionReport(now, deleted, List.copyOf(keep),
                newestVerifiedFull.map(entry -> entry.name().value()).orElse(null), removedUnfinished, aborted);
        if (!deleted.isEmpty() || !removedUnfinished.isEmpty() || aborted > 0) {
            log.info("Retention deleted {} archives, {} unfinished folders and aborted {} uploads; kept {}",
                    deleted.size(), removedUnfinished.size(), aborted, keep.size());
        }
        return report;
    }
}
