package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.archive.ArchiveEncryption;
import com.buildfactory.controlplane.ops.archive.ArchiveException;
import com.buildfactory.controlplane.ops.archive.ArchiveJson;
import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.archive.ArchiveKind;
import com.buildfactory.controlplane.ops.archive.ArchiveLayout;
import com.buildfactory.controlplane.ops.archive.ArchiveManifest;
import com.buildfactory.controlplane.ops.archive.ArchiveName;
import com.buildfactory.controlplane.ops.archive.ArchivePart;
import com.buildfactory.controlplane.ops.archive.CatalogEntry;
import com.buildfactory.controlplane.ops.target.ArchiveTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes archives: exports the log consistently, uploads the parts, writes the manifest last, verifies the archive
 * by downloading it again, and records every run (success, failure with its reason, or skip). A failed run removes
 * what it uploaded, manifest first, so a half archive is never listed as usable. One run at a time.
 */
public final class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);

    private final EventLogExporter exporter;
    private final ArchiveTarget target;
    private final ArchiveCatalog catalog;
    private final BackupConfig config;
    private final BackupStatusStore statusStore;
    private final ArchiveVerifier verifier;
    private final Clock clock;

    public BackupService(Path database, ArchiveTarget target, BackupConfig config, BackupStatusStore statusStore,
                         Clock clock) {
        this(new EventLogExporter(database), new ArchiveCatalog(target), config, statusStore, clock);
    }

    public BackupService(EventLogExporter exporter, ArchiveCatalog catalog, BackupConfig config,
                         BackupStatusStore statusStore, Clock clock) {
        this.exporter = exporter;
        this.target = catalog.target();
        this.catalog = catalog;
        this.config = config;
        this.statusStore = statusStore;
        this.clock = clock;
        this.verifier = new ArchiveVerifier(catalog, config.encryptionKey(), clock);
    }

    public ArchiveCatalog catalog() {
        return catalog;
    }

    /**
     * The scheduled shipping run: a full archive when no verified full one is younger than the full interval (or
     * the store no longer continues the archived log), else an incremental one; skipped when nothing is new.
     */
    public synchronized BackupRun ship() {
        Instant startedAt = clock.instant();
        try {
            List<CatalogEntry> entries = catalog.entries();
            Optional<Instant> newestVerifiedFull = entries.stream()
                    .filter(entry -> entry.sound() && entry.name().kind() == ArchiveKind.FULL)
                    .map(entry -> entry.name().createdAt())
                    .max(Comparator.naturalOrder());
            boolean fullDue = newestVerifiedFull.isEmpty()
                    || !newestVerifiedFull.get().isAfter(startedAt.minus(config.fullInterval()));
            return run(fullDue ? ArchiveKind.FULL : ArchiveKind.INCREMENTAL, startedAt);
        } catch (RuntimeException e) {
            return fail(ArchiveKind.INCREMENTAL, startedAt, e);
        }
    }

    /** An on-demand run of the given kind; an incremental one without a base to continue becomes full. */
    public synchronized BackupRun backup(ArchiveKind kind) {
        return run(kind, clock.instant());
    }

    private BackupRun run(ArchiveKind requested, Instant startedAt) {
        ArchiveKind kind = requested;
        Path staging = null;
        String uploaded = null;
        try {
            ArchiveManifest base = null;
            if (kind == ArchiveKind.INCREMENTAL) {
                base = continuableBase().orElse(null);
                if (base == null) {
                    kind = ArchiveKind.FULL;
                }
            }
            Files.createDirectories(config.workFolder());
            staging = Files.createTempDirectory(config.workFolder(), "export-");
            long after = base == null ? 0 : base.lastPosition();
            long exporting = System.nanoTime();
            ExportResult export = exporter.export(after, staging, config.encryptionKey());
            long uploading = System.nanoTime();
            if (kind == ArchiveKind.INCREMENTAL && export.eventCount() == 0) {
                BackupRun skipped = BackupRun.skipped(kind, startedAt, clock.instant(),
                        "no new events since " + base.archive());
                statusStore.record(skipped);
                return skipped;
            }
            ArchiveName name = freshName(kind, startedAt, export);
            uploaded = name.value();
            ArchiveManifest manifest = new ArchiveManifest(ArchiveManifest.FORMAT_VERSION, name.value(),
                    config.applicationVersion(), startedAt, kind, base == null ? null : base.archive(),
                    export.firstPosition(), export.lastPosition(), export.eventCount(), export.snapshotCount(),
                    export.firstEventTime(), export.lastEventTime(), export.lastEventIdentifier(), encryption(),
                    export.parts());
            for (ArchivePart part : export.parts()) {
                target.put(ArchiveLayout.key(name.value(), part.name()), staging.resolve(part.name()), part.sha256());
            }
            target.putBytes(ArchiveLayout.key(name.value(), ArchiveLayout.MANIFEST), ArchiveJson.write(manifest));
            long verifying = System.nanoTime();
            verifier.verify(name.value());
            long verified = System.nanoTime();
            BackupRun done = new BackupRun(BackupRun.Outcome.SUCCEEDED, kind, startedAt, clock.instant(),
                    name.value(), export.firstPosition(), export.lastPosition(), export.eventCount(),
                    export.snapshotCount(), manifest.totalSize(), null);
            statusStore.record(done);
            log.info("Backup {} archived positions {}..{} ({} events, {} snapshots, {} bytes) to {}: export {} ms,"
                    + " upload {} ms, verify {} ms", name, export.firstPosition(), export.lastPosition(),
                    export.eventCount(), export.snapshotCount(), manifest.totalSize(), target.describe(),
                    (uploading - exporting) / 1_000_000, (verifying - uploading) / 1_000_000,
                    (verified - verifying) / 1_000_000);
            return done;
        } catch (IOException | RuntimeException e) {
            if (uploaded != null) {
                removeQuietly(uploaded);
            }
            return fail(kind, startedAt, e);
        } finally {
            Folders.deleteQuietly(staging);
        }
    }

    /** The newest archive, if the store still continues its log: the event at its last position is the same. */
    private Optional<ArchiveManifest> continuableBase() {
        Optional<ArchiveManifest> latest = catalog.latest();
        if (latest.isPresent() && chainDamaged(latest.get())) {
            log.warn("Archive {} or one it builds on was found damaged: taking a full archive",
                    latest.get().archive());
            return Optional.empty();
        }
        if (latest.isEmpty() || latest.get().lastEventIdentifier() == null) {
            return latest.filter(manifest -> manifest.eventCount() == 0 && manifest.kind() == ArchiveKind.FULL
                    && manifest.lastPosition() == 0);
        }
        ArchiveManifest manifest = latest.get();
        Optional<String> here = exporter.eventIdentifierAt(manifest.lastPosition());
        if (here.isPresent() && here.get().equals(manifest.lastEventIdentifier())) {
            return latest;
        }
        log.warn("The store no longer continues archive {} (position {} holds {}): taking a full archive",
                manifest.archive(), manifest.lastPosition(), here.orElse("nothing"));
        return Optional.empty();
    }

    private boolean chainDamaged(ArchiveManifest last) {
        Set<String> damaged = catalog.entries().stream().filter(CatalogEntry::damaged)
                .map(entry -> entry.name().value()).collect(Collectors.toSet());
        return !damaged.isEmpty() && catalog.chain(last).stream().anyMatch(m -> damaged.contains(m.archive()));
    }

    private ArchiveName freshName(ArchiveKind kind, Instant startedAt, ExportResult export) {
        Set<String> taken = catalog.entries().stream().map(entry -> entry.name().value()).collect(Collectors.toSet());
        Instant at = startedAt;
        ArchiveName name = new ArchiveName(kind, at, export.firstPosition(), export.lastPosition());
        while (taken.contains(name.value())) {
            at = at.plusSeconds(1);
            name = new ArchiveName(kind, at, export.firstPosition(), export.lastPosition());
        }
        return name;
    }

    private ArchiveEncryption encryption() {
        ArchiveKey key = config.encryptionKey();
        return key == null ? null : new ArchiveEncryption("AES-256-GCM-SEGMENTED", key.keyId(), 1 << 20);
    }

    private void removeQuietly(String archive) {
        try {
            List<String> keys = new ArrayList<>(target.list(ArchiveLayout.folder(archive)).stream()
                    .map(object -> object.key()).toList());
            String manifestKey = ArchiveLayout.key(archive, ArchiveLayout.MANIFEST);
            if (keys.remove(manifestKey)) {
                target.delete(manifestKey);
            }
            if (!keys.isEmpty()) {
                target.deleteAll(keys);
            }
        } catch (RuntimeException cleanup) {
            log.warn("Could not remove the unfinished archive {} (retention removes it later): {}", archive,
                    cleanup.getMessage());
        }
    }

    private BackupRun fail(ArchiveKind kind, Instant startedAt, Exception e) {
        String reason = e instanceof ArchiveException || e.getMessage() != null ? e.getMessage() : e.toString();
        BackupRun failed = BackupRun.failed(kind, startedAt, clock.instant(), reason);
        statusStore.record(failed);
        log.warn("Backup run failed: {}", reason, e);
        return failed;
    }

    /** The run history together with the archives the target holds now. */
    public BackupStatus status() {
        List<ArchiveSummary> archives = new ArrayList<>();
        Instant newestVerified = null;
        String listingError = null;
        try {
            for (CatalogEntry entry : catalog.entries()) {
                if (!entry.complete()) {
                    continue;
                }
                archives.add(ArchiveSummary.of(catalog.manifest(entry.name().value()), entry,
                        statusStore.scrubOf(entry.name().value())));
                if (entry.sound() && (newestVerified == null || entry.name().createdAt().isAfter(newestVerified))) {
                    newestVerified = catalog.manifest(entry.name().value()).createdAt();
                }
            }
        } catch (RuntimeException e) {
            listingError = e.getMessage();
        }
        return new BackupStatus(target.describe(), statusStore.runs(), statusStore.lastFailure(),
                statusStore.lastDrill(), statusStore.lastRetention(), statusStore.lastScrub(), archives,
                newestVerified, listingError);
    }
}
