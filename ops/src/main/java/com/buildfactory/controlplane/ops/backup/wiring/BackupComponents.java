package com.buildfactory.controlplane.ops.backup.wiring;

import com.buildfactory.controlplane.ops.archive.ArchiveCatalog;
import com.buildfactory.controlplane.ops.backup.BackupConfig;
import com.buildfactory.controlplane.ops.backup.BackupService;
import com.buildfactory.controlplane.ops.backup.BackupStatusStore;
import com.buildfactory.controlplane.ops.backup.EventLogExporter;
import com.buildfactory.controlplane.ops.drill.DrillService;
import com.buildfactory.controlplane.ops.restore.RestoreService;
import com.buildfactory.controlplane.ops.scrub.ScrubService;
import com.buildfactory.controlplane.ops.retention.RetentionService;
import com.buildfactory.controlplane.ops.target.ArchiveTarget;
import com.buildfactory.controlplane.ops.target.LocalFolderTarget;
import com.buildfactory.controlplane.ops.target.S3Target;
import com.buildfactory.controlplane.storage.LogArchiveSource;
import com.buildfactory.controlplane.storage.archive.ArchiveStores;
import java.time.Clock;

/**
 * The backup services wired together over one target, one catalog and one status store: what the application
 * exposes as beans, and what the CLI builds for {@code backup}, {@code restore} and {@code drill}.
 */
public final class BackupComponents implements AutoCloseable {

    private final ArchiveTarget target;
    private final ArchiveCatalog catalog;
    private final BackupStatusStore statusStore;
    private final BackupService backupService;
    private final RestoreService restoreService;
    private final RetentionService retentionService;
    private final DrillService drillService;
    private final ScrubService scrubService;

    /** On a SQLite file ({@code settings.database()}), the run history in {@code settings.statusFile()}. */
    public BackupComponents(BackupSettings settings, Clock clock) {
        this(settings, clock, ArchiveStores.sqliteFile(settings.database()), new BackupStatusStore(settings.statusFile()));
    }

    /**
     * On any store: archives read from {@code source}, the run history in {@code statusStore} (on PostgreSQL a
     * document every node shares). Restores and drills still go into SQLite files: archives are portable.
     */
    public BackupComponents(BackupSettings settings, Clock clock, LogArchiveSource source,
                            BackupStatusStore statusStore) {
        this.target = settings.s3() == null ? new LocalFolderTarget(settings.localFolder())
                : new S3Target(settings.s3());
        this.catalog = new ArchiveCatalog(target);
        this.statusStore = statusStore;
        BackupConfig config = new BackupConfig(settings.applicationVersion(), settings.fullInterval(),
                settings.workFolder(), settings.encryptionKey());
        this.backupService = new BackupService(new EventLogExporter(source), catalog, config,
                statusStore, clock);
        this.restoreService = new RestoreService(catalog, settings.encryptionKey(), settings.workFolder());
        this.retentionService = new RetentionService(catalog, settings.retention(), clock);
        this.drillService = new DrillService(restoreService, catalog, settings.workFolder().resolve("drills"),
                statusStore, clock);
        this.scrubService = new ScrubService(catalog, settings.encryptionKey(), statusStore, clock);
    }

    public ArchiveTarget target() {
        return target;
    }

    public ArchiveCatalog catalog() {
        return catalog;
    }

    public BackupStatusStore statusStore() {
        return statusStore;
    }

    public BackupService backupService() {
        return backupService;
    }

    public RestoreService restoreService() {
        return restoreService;
    }

    public RetentionService retentionService() {
        return retentionService;
    }

    public DrillService drillService() {
        return drillService;
    }

    public ScrubService scrubService() {
        return scrubService;
    }

    @Override
    public void close() {
        target.close();
    }
}
