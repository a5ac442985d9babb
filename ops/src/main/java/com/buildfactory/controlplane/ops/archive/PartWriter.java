package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPOutputStream;

/**
 * Streams rows into one part file: newline-delimited JSON, gzip, then (optionally) AES-256-GCM, while the SHA-256
 * and size of the bytes as stored are taken on the way out. Close it to get the {@link ArchivePart}.
 */
public final class PartWriter implements AutoCloseable {

    private final String name;
    private final Path file;
    private final MessageDigest digest = Sha256.digest();
    private final CountingOutputStream counted;
    private final OutputStream stack;
    private final SequenceWriter rows;
    private long records;
    private ArchivePart part;

    public PartWriter(String name, Path file, ArchiveKey keyOrNull) {
        this.name = name;
        this.file = file;
        try {
            counted = new CountingOutputStream(new DigestOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), digest));
            OutputStream stored = keyOrNull == null ? counted : SegmentedGcm.encrypting(counted, keyOrNull);
            stack = new BufferedOutputStream(new GZIPOutputStream(stored, 1 << 16), 1 << 16);
            rows = ArchiveJson.MAPPER.writer().withRootValueSeparator("\n").writeValues(stack);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create archive part " + file, e);
        }
    }

    public void write(Object row) {
        try {
            rows.write(row);
            records++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write archive part " + file, e);
        }
    }

    public long records() {
        return records;
    }

    @Override
    public void close() {
        if (part != null) {
            return;
        }
        try {
            rows.flush();
            if (records > 0) {
                stack.write('\n');
            }
            rows.close();
            stack.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish archive part " + file, e);
        }
        part = new ArchivePart(name, counted.count, Sha256.hex(digest), records);
    }

    public ArchivePart part() {
        close();
        return part;
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
