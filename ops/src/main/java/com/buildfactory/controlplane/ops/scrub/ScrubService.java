package com.buildfactory.controlplane.ops.scrub;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.archive.ArchiveException;
import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.archive.ArchivePart;
import com.buildfactory.controlplane.ops.archive.CatalogEntry;
import com.buildfactory.controlplane.ops.archive.DamageMarker;
import com.buildfactory.controlplane.ops.archive.StoredArchiveCheck;
import com.buildfactory.controlplane.ops.backup.ArchiveCheck;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.ScrubReport;
import com.buildfactory.controlplane.ops.target.TargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads every archive from the target and checks it as at upload: every part present, its size and SHA-256 as
 * the manifest says, encrypted segments authentic, gzip members whole, rows counted. A mismatch is damage: the
 * archive is marked ({@code damaged.json}) so that nothing extends it and shipping takes a full archive. A target
 * that cannot be reached is not damage: the run stops and reports why. Archives already marked are not re-read.
 */
public final class ScrubService {

    private static final Logger log = LoggerFactory.getLogger(ScrubService.class);

    private final ArchiveCatalog catalog;
    private final ArchiveKey key;
    private final BackupStatusStore statusStore;
    private final Clock clock;

    public ScrubService(ArchiveCatalog catalog, ArchiveKey keyOrNull, BackupStatusStore statusStore, Clock clock) {
        this.catalog = catalog;
        this.key = keyOrNull;
        this.statusStore = statusStore;
        this.clock = clock;
    }

    public synchronized ScrubReport scrub() {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        List<ArchiveCheck> checks = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        String failure = null;
        try {
            for (CatalogEntry entry : catalog.entries()) {
                if (!entry.complete()) {
                    continue;
                }
                listed.add(entry.name().value());
                if (entry.damaged()) {
                    continue;
                }
                String problem = check(entry);
                ArchiveCheck check = new ArchiveCheck(entry.name().value(), clock.instant(), problem == null,
                        problem == null ? "every part matched its manifest" : problem);
                checks.add(check);
                if (problem != null) {
                    catalog.markDamaged(new DamageMarker(check.archive(), check.checkedAt(), problem));
                    damaged.add(check.archive());
                    log.error("Scrub: archive {} is DAMAGED: {}", check.archive(), problem);
                }
            }
        } catch (TargetException e) {
            failure = e.getMessage();
            log.warn("Scrub stopped: {}", failure);
        }
        ScrubReport report = new ScrubReport(started, Duration.ofNanos(System.nanoTime() - startedNanos),
                checks.size(), List.copyOf(damaged), failure);
        statusStore.record(report, checks, failure == null ? listed : null);
        log.info("Scrub checked {} archives in {}: {} damaged{}", report.checked(), report.took(), damaged.size(),
                failure == null ? "" : "; stopped: " + failure);
        return report;
    }

    /** Null when the archive is sound, else what is wrong with it. Target failures propagate (not damage). */
    private String check(CatalogEntry entry) {
        String archive = entry.name().value();
        ArchiveManifest manifest;
        try {
            manifest = catalog.manifest(archive);
        } catch (ArchiveException e) {
            return "manifest unreadable: " + e.getMessage();
        }
        for (ArchivePart part : manifest.parts()) {
            if (!entry.keys().contains(ArchiveLayout.key(archive, part.name()))) {
                return part.name() + " is missing";
            }
        }
        try {
            StoredArchiveCheck.verify(catalog.target(), manifest, key);
            return null;
        } catch (ArchiveException e) {
            return e.getMessage();
        }
    }
}
