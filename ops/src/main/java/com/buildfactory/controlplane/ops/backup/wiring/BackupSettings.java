package com.buildfactory.controlplane.ops.backup.wiring;

import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import com.buildfactory.controlplane.ops.backup.BackupConfig;
import com.buildfactory.controlplane.ops.retention.RetentionPolicy;
import com.buildfactory.controlplane.ops.target.S3TargetConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the backup services need, in one place; defaults are the embedded ones.
 *
 * @param database       the live SQLite file
 * @param localFolder    the local folder target, used when {@code s3} is null (default {@code ./data/backups})
 * @param s3             the bucket, or null for the local folder
 * @param workFolder     scratch space for export, verification, restore and drills (default {@code ./data/backup-work})
 * @param statusFile     run history that survives restarts, or null to keep it in memory
 * @param encryptionKey  optional client-side encryption key
 */
public record BackupSettings(Path database, Path localFolder, S3TargetConfig s3, String applicationVersion,
                             Duration fullInterval, RetentionPolicy retention, Path workFolder, Path statusFile,
                             ArchiveKey encryptionKey) {

    public static final Path DEFAULT_LOCAL_FOLDER = Path.of("data", "backups");
    public static final Path DEFAULT_WORK_FOLDER = Path.of("data", "backup-work");

    public BackupSettings {
        localFolder = localFolder == null ? DEFAULT_LOCAL_FOLDER : localFolder;
        workFolder = workFolder == null ? DEFAULT_WORK_FOLDER : workFolder;
        fullInterval = fullInterval == null ? BackupConfig.DEFAULT_FULL_INTERVAL : fullInterval;
        retention = retention == null ? RetentionPolicy.DEFAULT : retention;
    }

    /** Defaults plus the bucket and key from the environment, when set there. */
    public static BackupSettings fromEnvironment(Path database, String applicationVersion,
                                                 Map<String, String> environment) {
        return new BackupSettings(database, null, S3TargetConfig.fromEnvironment(environment).orElse(null),
                applicationVersion, null, null, null, Path.of("data", "backup-status.json"),
                ArchiveKey.fromEnvironment(environment).orElse(null));
    }
}
