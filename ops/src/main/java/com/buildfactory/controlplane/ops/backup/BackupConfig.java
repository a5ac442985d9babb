package com.buildfactory.controlplane.ops.backup;

import com.buildfactory.controlplane.ops.archive.ArchiveKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How archives are taken.
 *
 * @param applicationVersion written into every manifest
 * @param fullInterval       a scheduled {@link BackupService#ship()} takes a full archive when the newest verified
 *                           full one is older than this (default 24 h: a full at least daily)
 * @param workFolder         local scratch space for staging and verification (deleted after each run)
 * @param encryptionKey      optional; when set, every part is AES-256-GCM encrypted on this machine
 */
public record BackupConfig(String applicationVersion, Duration fullInterval, Path workFolder,
                           ArchiveKey encryptionKey) {

    public static final Duration DEFAULT_FULL_INTERVAL = Duration.ofHours(24);

    public BackupConfig {
        Objects.requireNonNull(workFolder, "workFolder");
        applicationVersion = applicationVersion == null ? "unknown" : applicationVersion;
        fullInterval = fullInterval == null ? DEFAULT_FULL_INTERVAL : fullInterval;
    }

    public static BackupConfig of(String applicationVersion, Path workFolder, ArchiveKey encryptionKeyOrNull) {
        return new BackupConfig(applicationVersion, DEFAULT_FULL_INTERVAL, workFolder, encryptionKeyOrNull);
    }
}
