package com.buildfactory.controlplane.application.backup;

import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.backup.wiring.BackupSettings;
import com.buildfactory.controlplane.ops.retention.RetentionPolicy;
import com.buildfactory.controlplane.ops.target.S3TargetConfig;

import java.nio.file.Path;

/** Turns the service's properties into the ops module's settings; used by the service and by the CLI alike. */
public final class BackupSettingsFactory {

    private BackupSettingsFactory() {
    }

    public static BackupSettings settings(StorageProperties storage, BackupProperties backup) {
        Path dataDir = storage.dataDir();
        Path localFolder = backup.localFolder() == null ? dataDir.resolve("backups") : Path.of(backup.localFolder());
        BackupProperties.S3 s3 = backup.s3();
        S3TargetConfig bucket = s3 != null && s3.configured()
                ? S3TargetConfig.of(s3.endpoint(), s3.region(), s3.bucket(), s3.prefix(), s3.accessKeyId(),
                s3.secretAccessKey())
                : null;
        ArchiveKey key = backup.encryptionKey() == null || backup.encryptionKey().isBlank() ? null
                : ArchiveKey.fromBase64(backup.encryptionKey());
        return new BackupSettings(storage.databaseFile(), localFolder, bucket, applicationVersion(), backup.fullInterval(),
                new RetentionPolicy(backup.keepFor(), RetentionPolicy.DEFAULT.staleUploadAge()),
                dataDir.resolve("backup-work"), dataDir.resolve("backup-status.json"), key);
    }

    static String applicationVersion() {
        String version = BackupSettingsFactory.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
