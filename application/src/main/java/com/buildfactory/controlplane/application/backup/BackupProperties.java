package com.buildfactory.controlplane.application.backup;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * Where archives go and when. Without {@code s3.bucket} the archives go to {@code local-folder} (the embedded
 * default). Secrets come from the environment (CONTROL_PLANE_BACKUP_S3_SECRET_ACCESS_KEY, ...), never the repo.
 *
 * @param localFolder    the local folder target; default {@code <data-dir>/backups}
 * @param s3             an S3-compatible bucket (Backblaze B2, DigitalOcean Spaces)
 * @param encryptionKey  optional base64 AES-256 key for client-side encryption of every part
 * @param fullCron       nightly full archive, UTC (default 02:30)
 * @param shipInterval   incremental shipping interval (default 5 minutes)
 * @param fullInterval   shipping takes a full archive instead when the newest verified full one is older (default 24 h)
 * @param drillCron      weekly restore drill, UTC (default Sunday 03:30)
 * @param scrubCron      archives re-verified against the target, UTC (default daily 04:00)
 * @param keepFor        retention (default 30 days)
 * @param maxVerifiedAge health degrades when the newest verified archive is older (default 26 hours)
 * @param schedule       run the scheduled jobs (on by default; off in tests that drive backups themselves)
 */
@ConfigurationProperties("control-plane.backup")
public record BackupProperties(String localFolder, S3 s3, String encryptionKey, String fullCron,
                               Duration shipInterval, Duration fullInterval, String drillCron, String scrubCron, Duration keepFor, Duration maxVerifiedAge,
                               Boolean schedule) {

    public BackupProperties {
        fullCron = fullCron == null ? "0 30 2 * * *" : fullCron;
        shipInterval = shipInterval == null ? Duration.ofMinutes(5) : shipInterval;
        fullInterval = fullInterval == null ? Duration.ofHours(24) : fullInterval;
        drillCron = drillCron == null ? "0 30 3 * * SUN" : drillCron;
        scrubCron = scrubCron == null ? "0 0 4 * * *" : scrubCron;
        keepFor = keepFor == null ? Duration.ofDays(30) : keepFor;
        maxVerifiedAge = maxVerifiedAge == null ? Duration.ofHours(26) : maxVerifiedAge;
        schedule = schedule == null || schedule;
    }

    public record S3(URI endpoint, String region, String bucket, String prefix, String accessKeyId,
                     String secretAccessKey) {

        boolean configured() {
            return bucket != null && !bucket.isBlank();
        }
    }
}
