package com.buildfactory.controlplane.ops.target;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * An S3-compatible bucket. Credentials come from configuration or the environment, never from the repository.
 *
 * @param endpoint               e.g. {@code https://s3.us-west-004.backblazeb2.com} or
 *                               {@code https://fra1.digitaloceanspaces.com}
 * @param region                 the provider's region name (B2: {@code us-west-004}; Spaces: {@code fra1})
 * @param prefix                 folder inside the bucket, so that one bucket can hold several installations
 * @param maxAttempts            per request, including the first; B2 and Spaces answer 500/503 in normal operation
 * @param multipartThreshold     parts at least this large go up in several pieces
 * @param multipartPartSize      size of each piece (S3 wants at least 5 MiB, except the last)
 * @param apiCallTimeout         for one request including its retries; bounds a hung upload
 */
public record S3TargetConfig(
        URI endpoint,
        String region,
        String bucket,
        String prefix,
        String accessKeyId,
        String secretAccessKey,
        int maxAttempts,
        long multipartThreshold,
        long multipartPartSize,
        Duration apiCallTimeout) {

    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final long DEFAULT_MULTIPART_THRESHOLD = 64L << 20;
    public static final long DEFAULT_MULTIPART_PART_SIZE = 16L << 20;
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofMinutes(10);

    public S3TargetConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        region = region == null || region.isBlank() ? "us-east-1" : region;
        prefix = normalizePrefix(prefix);
        if (multipartPartSize < (5L << 20)) {
            throw new IllegalArgumentException("multipartPartSize must be at least 5 MiB");
        }
    }

    public static S3TargetConfig of(URI endpoint, String region, String bucket, String prefix, String accessKeyId,
                                    String secretAccessKey) {
        return new S3TargetConfig(endpoint, region, bucket, prefix, accessKeyId, secretAccessKey,
                DEFAULT_MAX_ATTEMPTS, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_MULTIPART_PART_SIZE,
                DEFAULT_API_CALL_TIMEOUT);
    }

    /**
     * The bucket from the environment, or empty when {@code CONTROL_PLANE_BACKUP_S3_BUCKET} is unset (the local
     * folder is then used). Read: {@code CONTROL_PLANE_BACKUP_S3_ENDPOINT}, {@code ..._REGION}, {@code ..._BUCKET},
     * {@code ..._PREFIX}, {@code ..._ACCESS_KEY_ID}, {@code ..._SECRET_ACCESS_KEY}.
     */
    public static java.util.Optional<S3TargetConfig> fromEnvironment(java.util.Map<String, String> environment) {
        String bucket = environment.get("CONTROL_PLANE_BACKUP_S3_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            return java.util.Optional.empty();
        }
        String endpoint = environment.get("CONTROL_PLANE_BACKUP_S3_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("CONTROL_PLANE_BACKUP_S3_BUCKET is set but"
                    + " CONTROL_PLANE_BACKUP_S3_ENDPOINT is not (e.g. https://s3.us-west-004.backblazeb2.com)");
        }
        String keyId = environment.get("CONTROL_PLANE_BACKUP_S3_ACCESS_KEY_ID");
        String secret = environment.get("CONTROL_PLANE_BACKUP_S3_SECRET_ACCESS_KEY");
        if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("CONTROL_PLANE_BACKUP_S3_ACCESS_KEY_ID and"
                    + " CONTROL_PLANE_BACKUP_S3_SECRET_ACCESS_KEY must be set for bucket " + bucket);
        }
        return java.util.Optional.of(of(URI.create(endpoint.trim()), environment.get("CONTROL_PLANE_BACKUP_S3_REGION"),
                bucket.trim(), environment.get("CONTROL_PLANE_BACKUP_S3_PREFIX"), keyId.trim(), secret.trim()));
    }

    public S3TargetConfig withMaxAttempts(int attempts) {
        return new S3TargetConfig(endpoint, region, bucket, prefix, accessKeyId, secretAccessKey, attempts,
                multipartThreshold, multipartPartSize, apiCallTimeout);
    }

    public S3TargetConfig withMultipart(long threshold, long partSize) {
        return new S3TargetConfig(endpoint, region, bucket, prefix, accessKeyId, secretAccessKey, maxAttempts,
                threshold, partSize, apiCallTimeout);
    }

    public S3TargetConfig withEndpoint(URI otherEndpoint) {
        return new S3TargetConfig(otherEndpoint, region, bucket, prefix, accessKeyId, secretAccessKey, maxAttempts,
                multipartThreshold, multipartPartSize, apiCallTimeout);
    }

    public S3TargetConfig withBucket(String otherBucket) {
        return new S3TargetConfig(endpoint, region, otherBucket, prefix, accessKeyId, secretAccessKey, maxAttempts,
                multipartThreshold, multipartPartSize, apiCallTimeout);
    }

    public S3TargetConfig withCredentials(String keyId, String secret) {
        return new S3TargetConfig(endpoint, region, bucket, prefix, keyId, secret, maxAttempts,
                multipartThreshold, multipartPartSize, apiCallTimeout);
    }

    private static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.equals("/")) {
            return "";
        }
        String trimmed = prefix.replaceAll("^/+", "");
        return trimmed.endsWith("/") ? trimmed : trimmed + "/";
    }

    @Override
    public String toString() {
        return "S3TargetConfig[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix="
                + prefix + ", accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
}
