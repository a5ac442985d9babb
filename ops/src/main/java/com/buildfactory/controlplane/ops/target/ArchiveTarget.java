package com.buildfactory.controlplane.ops.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A place that keeps archive objects. Keys are relative, '/'-separated ({@code archives/<name>/manifest.json}).
 * A put is all or nothing: a reader never sees half an object under its final key. Every failure is a
 * {@link TargetException} whose message an operator can act on.
 */
public interface ArchiveTarget extends AutoCloseable {

    /** For messages and status: e.g. {@code s3://bucket/prefix at https://endpoint} or {@code folder /path}. */
    String describe();

    /** Fails with a clear reason when the target cannot be used (unreachable, missing bucket, bad credentials). */
    void check();

    /** Stores the file under the key, with its SHA-256 (hex) kept beside it. */
    void put(String key, Path source, String sha256);

    void putBytes(String key, byte[] content);

    /** Downloads the object into the destination file (replaced if present). */
    void get(String key, Path destination);

    byte[] getBytes(String key);

    /** Consumes an object as a stream, without a local copy. */
    @FunctionalInterface
    interface ObjectReader<T> {
        T read(InputStream object) throws IOException;
    }

    /**
     * Streams the object to the reader and returns what it returns. A download that breaks off starts over with a
     * fresh stream (S3), so the reader must not keep state across calls. This default goes through a temporary file.
     */
    default <T> T read(String key, ObjectReader<T> reader) {
        Path copy = null;
        try {
            copy = Files.createTempFile("archive-object-", ".part");
            get(key, copy);
            try (InputStream in = Files.newInputStream(copy)) {
                return reader.read(in);
            }
        } catch (IOException e) {
            throw new TargetException("cannot read " + key + " from " + describe() + ": " + e, e);
        } finally {
            if (copy != null) {
                copy.toFile().delete();
            }
        }
    }

    boolean exists(String key);

    /** Every object whose key starts with the prefix, in key order. */
    List<StoredObject> list(String prefix);

    void delete(String key);

    default void deleteAll(List<String> keys) {
        keys.forEach(this::delete);
    }

    /** Aborts unfinished uploads begun before the instant; returns how many. Targets without them return 0. */
    int abortStaleUploads(Instant startedBefore);

    @Override
    default void close() {
    }
}
