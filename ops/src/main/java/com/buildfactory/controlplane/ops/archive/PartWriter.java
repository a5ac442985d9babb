package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPOutputStream;

/**
 * Streams rows into one part file: newline-delimited JSON cut into chunks of about {@value #CHUNK_BYTES} bytes, each
 * chunk compressed into a gzip member of its own (level {@value #LEVEL}), the members concatenated in row order,
 * then (optionally) AES-256-GCM, while the SHA-256 and size of the bytes as stored are taken on the way out. With a
 * pool, chunks are compressed on its threads while the caller goes on encoding rows; at most {@code maxPending}
 * chunks wait for compression or for their turn to be written, so memory stays bounded by
 * {@code (maxPending + 1) * CHUNK_BYTES} plus their compressed forms. Close it to get the {@link ArchivePart}.
 */
public final class PartWriter implements AutoCloseable {

    /** Large enough that a member's own 18 bytes and its cold 32 KiB window cost nothing measurable. */
    static final int CHUNK_BYTES = 1 << 20;
    /**
     * zlib level 1. Export of 300,000 events, CPU seconds and bytes: level 1 3.2-3.7 s, 55.1 MB; level 3 3.7-4.4 s,
     * 48.9 MB; level 6 (the JDK default, version 1) 5.9-6.3 s, 43.2 MB. On two shared cores the CPU is what runs out.
     */
    static final int LEVEL = 1;

    private final String name;
    private final Path file;
    private final MessageDigest digest = Sha256.digest();
    private final CountingOutputStream counted;
    private final OutputStream stored;
    private final ExecutorService compressors;
    private final int maxPending;
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Chunk> spare = new ConcurrentLinkedQueue<>();
    private final Redirect sink = new Redirect();
    private final JsonGenerator json;
    private Chunk chunk = new Chunk();
    private long members;
    private long records;
    private ArchivePart part;

    /** A writer that compresses on the calling thread. */
    public PartWriter(String name, Path file, ArchiveKey keyOrNull) {
        this(name, file, keyOrNull, null, 1);
    }

    public PartWriter(String name, Path file, ArchiveKey keyOrNull, ExecutorService compressorsOrNull,
                      int maxPending) {
        this.name = name;
        this.file = file;
        this.compressors = compressorsOrNull;
        this.maxPending = Math.max(1, maxPending);
        try {
            counted = new CountingOutputStream(new DigestOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), digest));
            stored = keyOrNull == null ? counted : SegmentedGcm.encrypting(counted, keyOrNull);
            sink.target = chunk;
            json = ArchiveJson.MAPPER.getFactory().createGenerator(sink);
            json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create archive part " + file, e);
        }
    }

    public void write(ArchiveRow row) {
        try {
            row.writeTo(json);
            json.writeRaw('\n');
            records++;
            if (chunk.size() + json.getOutputBuffered() >= CHUNK_BYTES) {
                seal();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write archive part " + file, e);
        }
    }

    public long records() {
        return records;
    }

    private void seal() throws IOException {
        json.flush();
        Chunk full = chunk;
        Chunk next = spare.poll();
        chunk = next == null ? new Chunk() : next;
        sink.target = chunk;
        FutureTask<byte[]> task = new FutureTask<>(() -> {
            byte[] member = gzip(full);
            full.reset();
            spare.add(full);
            return member;
        });
        pending.add(task);
        members++;
        if (compressors == null) {
            task.run();
        } else {
            compressors.execute(task);
        }
        while (!pending.isEmpty() && (pending.size() >= maxPending || pending.peek().isDone())) {
            stored.write(take(pending.poll()));
        }
    }

    private static byte[] gzip(Chunk raw) throws IOException {
        ByteArrayOutputStream member = new ByteArrayOutputStream(raw.size() / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(member, 1 << 16) {
            {
                def.setLevel(LEVEL);
            }
        }) {
            raw.writeTo(gzip);
        }
        return member.toByteArray();
    }

    private byte[] take(Future<byte[]> member) throws IOException {
        try {
            return member.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compressing " + file, e);
        } catch (ExecutionException e) {
            throw new IOException("cannot compress a chunk of " + file + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (part != null) {
            return;
        }
        try {
            json.flush();
            if (chunk.size() > 0 || members == 0) {
                seal();
            }
            while (!pending.isEmpty()) {
                stored.write(take(pending.poll()));
            }
            stored.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish archive part " + file, e);
        } finally {
            pending.forEach(member -> member.cancel(false));
        }
        part = new ArchivePart(name, counted.count, Sha256.hex(digest), records);
    }

    public ArchivePart part() {
        close();
        return part;
    }

    private static final class Chunk extends ByteArrayOutputStream {
        Chunk() {
            super(CHUNK_BYTES + (1 << 16));
        }
    }

    /** Where the generator's bytes go: the chunk being filled, switched at every seal. */
    private static final class Redirect extends OutputStream {
        private OutputStream target;

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
