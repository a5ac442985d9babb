package com.buildfactory.controlplane.ops.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible bucket through AWS SDK v2, set up the way Backblaze B2 and DigitalOcean Spaces accept:
 * path-style addressing, checksums only when an operation requires one, Content-MD5 where it does (the legacy MD5
 * plugin), the standard retry strategy with backoff on 5xx and connection resets, and the blocking Apache client
 * (no Netty). Parts above the multipart threshold go up in pieces; our SHA-256 travels as {@code x-amz-meta-sha256}
 * because an ETag is not a checksum.
 */
public final class S3Target implements ArchiveTarget {

    public static final String SHA256_METADATA = "sha256";

    private final S3TargetConfig config;
    private final S3Client client;

    public S3Target(S3TargetConfig config) {
        this.config = config;
        this.client = S3Client.builder()
                .endpointOverride(config.endpoint())
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(blankToEmpty(config.accessKeyId()),
                                blankToEmpty(config.secretAccessKey()))))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .addPlugin(LegacyMd5Plugin.create())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(java.time.Duration.ofSeconds(10))
                        .socketTimeout(java.time.Duration.ofSeconds(60)))
                .overrideConfiguration(override -> override
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(Math.max(1, config.maxAttempts()))
                                .build())
                        .addExecutionInterceptor(new ContentMd5Only())
                        .apiCallTimeout(config.apiCallTimeout()))
                .build();
    }

    public S3TargetConfig config() {
        return config;
    }

    @Override
    public String describe() {
        return "s3://" + config.bucket() + "/" + config.prefix() + " at " + config.endpoint();
    }

    @Override
    public void check() {
        call("check bucket", () -> client.headBucket(b -> b.bucket(config.bucket())));
    }

    @Override
    public void put(String key, Path source, String sha256) {
        long size;
        try {
            size = Files.size(source);
        } catch (IOException e) {
            throw new TargetException("cannot read " + source + ": " + e, e);
        }
        Map<String, String> metadata = Map.of(SHA256_METADATA, sha256);
        if (size < config.multipartThreshold()) {
            call("upload " + key, () -> client.putObject(b -> b.bucket(config.bucket()).key(full(key))
                    .metadata(metadata).contentLength(size), RequestBody.fromFile(source)));
        } else {
            putMultipart(key, source, size, metadata);
        }
    }

    private void putMultipart(String key, Path source, long size, Map<String, String> metadata) {
        String uploadId = call("start multipart upload of " + key, () -> client.createMultipartUpload(b -> b
                .bucket(config.bucket()).key(full(key)).metadata(metadata))).uploadId();
        try (InputStream in = Files.newInputStream(source)) {
            List<CompletedPart> done = new ArrayList<>();
            byte[] buffer = new byte[(int) config.multipartPartSize()];
            for (int number = 1; ; number++) {
                int length = in.readNBytes(buffer, 0, buffer.length);
                if (length == 0 && number > 1) {
                    break;
                }
                int partNumber = number;
                RequestBody body = RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, length));
                String eTag = call("upload piece " + partNumber + " of " + key, () -> client.uploadPart(b -> b
                        .bucket(config.bucket()).key(full(key)).uploadId(uploadId).partNumber(partNumber)
                        .contentLength((long) length), body)).eTag();
                done.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
                if (length < buffer.length) {
                    break;
                }
            }
            call("complete multipart upload of " + key, () -> client.completeMultipartUpload(b -> b
                    .bucket(config.bucket()).key(full(key)).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(done).build())));
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(config.bucket()).key(full(key)).uploadId(uploadId));
            } catch (SdkException ignored) {
                // left for abortStaleUploads
            }
            if (e instanceof TargetException targetException) {
                throw targetException;
            }
            throw new TargetException("multipart upload of " + key + " to " + describe() + " failed: " + e, e);
        }
    }

    @Override
    public void putBytes(String key, byte[] content) {
        Map<String, String> metadata = Map.of(SHA256_METADATA,
                com.buildfactory.controlplane.ops.archive.Sha256.of(content));
        call("upload " + key, () -> client.putObject(b -> b.bucket(config.bucket()).key(full(key))
                .metadata(metadata), RequestBody.fromBytes(content)));
    }

    /**
     * The SDK retries a failed request, not a body that breaks off while streaming (B2 and Spaces reset connections
     * now and then): such a download starts over, up to the configured attempts.
     */
    @Override
    public void get(String key, Path destination) {
        for (int attempt = 1; ; attempt++) {
            try {
                call("download " + key, () -> {
                    try (InputStream in = client.getObject(b -> b.bucket(config.bucket()).key(full(key)))) {
                        Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                        return null;
                    } catch (IOException e) {
                        throw SdkClientException.create("reading the object failed: " + e, e);
                    }
                });
                return;
            } catch (TargetException e) {
                boolean streamBroke = e.getCause() instanceof SdkClientException sdk
                        && sdk.getCause() instanceof IOException;
                if (!streamBroke || attempt >= Math.max(1, config.maxAttempts())) {
                    throw e;
                }
            }
        }
    }

    /** As {@link #get}: a body that breaks off while the reader consumes it starts over, up to the attempts. */
    @Override
    public <T> T read(String key, ObjectReader<T> reader) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call("download " + key, () -> {
                    try (InputStream in = new BreakingStream(client.getObject(b -> b.bucket(config.bucket())
                            .key(full(key))))) {
                        return reader.read(in);
                    } catch (BreakingStream.Broke e) {
                        throw SdkClientException.create("reading the object failed: " + e.getCause(), e.getCause());
                    } catch (IOException e) {
                        throw new TargetException("cannot read " + key + " from " + describe() + ": " + e, e);
                    }
                });
            } catch (TargetException e) {
                boolean streamBroke = e.getCause() instanceof SdkClientException sdk
                        && sdk.getCause() instanceof IOException;
                if (!streamBroke || attempt >= Math.max(1, config.maxAttempts())) {
                    throw e;
                }
            }
        }
    }

    /** Marks the failures of the download itself, so that they are told apart from the reader's own. */
    private static final class BreakingStream extends java.io.FilterInputStream {

        static final class Broke extends IOException {
            Broke(IOException cause) {
                super(cause);
            }
        }

        BreakingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw new Broke(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw new Broke(e);
            }
        }
    }

    @Override
    public byte[] getBytes(String key) {
        return call("download " + key, () ->
                client.getObjectAsBytes(b -> b.bucket(config.bucket()).key(full(key))).asByteArray());
    }

    /** Our SHA-256 as kept in the object's metadata, or null when the object has none. */
    public String storedSha256(String key) {
        return call("read metadata of " + key, () ->
                client.headObject(b -> b.bucket(config.bucket()).key(full(key)))).metadata().get(SHA256_METADATA);
    }

    @Override
    public boolean exists(String key) {
        try {
            client.headObject(b -> b.bucket(config.bucket()).key(full(key)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                return false;
            }
            throw translate("look up " + key, e);
        } catch (SdkException e) {
            throw translate("look up " + key, e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        call("list " + prefix, () -> {
            ListObjectsV2Request request = ListObjectsV2Request.builder()
                    .bucket(config.bucket()).prefix(full(prefix)).build();
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                objects.add(new StoredObject(object.key().substring(config.prefix().length()), object.size(),
                        object.lastModified()));
            }
            return null;
        });
        objects.sort(java.util.Comparator.comparing(StoredObject::key));
        return objects;
    }

    @Override
    public void delete(String key) {
        call("delete " + key, () -> client.deleteObject(b -> b.bucket(config.bucket()).key(full(key))));
    }

    /** One DeleteObjects request per 1,000 keys; that request needs Content-MD5, which the legacy plugin adds. */
    @Override
    public void deleteAll(List<String> keys) {
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                    .map(key -> ObjectIdentifier.builder().key(full(key)).build())
                    .toList();
            DeleteObjectsResponse response = call("delete " + batch.size() + " objects", () ->
                    client.deleteObjects(b -> b.bucket(config.bucket())
                            .delete(Delete.builder().objects(batch).quiet(true).build())));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                var error = response.errors().get(0);
                throw new TargetException("cannot delete " + error.key() + " from " + describe() + ": "
                        + error.code() + " " + error.message() + " (" + response.errors().size() + " failed)");
            }
        }
    }

    @Override
    public int abortStaleUploads(Instant startedBefore) {
        List<MultipartUpload> stale = new ArrayList<>();
        call("list unfinished uploads", () -> {
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(b -> b.bucket(config.bucket())
                    .prefix(config.prefix())).uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(startedBefore)) {
                    stale.add(upload);
                }
            }
            return null;
        });
        for (MultipartUpload upload : stale) {
            call("abort upload of " + upload.key(), () -> client.abortMultipartUpload(b -> b
                    .bucket(config.bucket()).key(upload.key()).uploadId(upload.uploadId())));
        }
        return stale.size();
    }

    @Override
    public void close() {
        client.close();
    }

    private String full(String key) {
        return config.prefix() + key;
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw translate(action, e);
        }
    }

    private TargetException translate(String action, SdkException e) {
        String where = describe();
        if (e instanceof NoSuchKeyException) {
            return new TargetException("cannot " + action + ": no such object in " + where, e);
        }
        if (e instanceof S3Exception s3) {
            String code = errorCode(s3);
            int status = s3.statusCode();
            if ("NoSuchBucket".equals(code) || (status == 404 && action.equals("check bucket"))) {
                return new TargetException("cannot " + action + ": bucket " + config.bucket()
                        + " does not exist at " + config.endpoint(), e);
            }
            if (status == 403 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
                return new TargetException("cannot " + action + ": " + where + " refused the credentials (access key "
                        + config.accessKeyId() + "): " + (code == null ? "HTTP 403" : code)
                        + ". Check the access key, the secret and the key's bucket permissions", e);
            }
            return new TargetException("cannot " + action + " in " + where + ": HTTP " + status
                    + (code == null ? "" : " " + code) + " " + messageOf(s3), e);
        }
        return new TargetException("cannot " + action + ": " + where + " is unreachable or failed: "
                + e.getMessage(), e);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static String messageOf(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? "" : e.awsErrorDetails().errorMessage();
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value;
    }
}
