package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.databind.MappingIterator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Rows of one part, decrypted and decompressed (every gzip member, see {@link GzipMembers}) as they are read. Any
 * damage (a bad tag, a cut gzip stream, a malformed line, fewer or more rows than the manifest says) surfaces as an
 * {@link ArchiveException} naming the part.
 */
public final class RowReader<T> implements Iterator<T>, AutoCloseable {

    private final String what;
    private final long expected;
    private final InputStream in;
    private final MappingIterator<T> rows;
    private long read;

    RowReader(Path file, String what, ArchivePart part, ArchiveKey keyOrNull, Class<T> type) {
        this.what = what;
        this.expected = part.records();
        try {
            InputStream stored = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            InputStream plain = keyOrNull == null ? stored : SegmentedGcm.decrypting(stored, keyOrNull, what);
            this.in = new BufferedInputStream(new GzipMembers(plain), 1 << 16);
            this.rows = ArchiveJson.MAPPER.readerFor(type).readValues(in);
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    @Override
    public boolean hasNext() {
        boolean more;
        try {
            more = rows.hasNextValue();
        } catch (IOException | RuntimeException e) {
            throw damaged(e);
        }
        if (!more && read != expected) {
            throw new ArchiveException(what + " holds " + read + " rows but its manifest says " + expected);
        }
        return more;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            T row = rows.nextValue();
            read++;
            if (read > expected) {
                throw new ArchiveException(what + " holds more rows than the " + expected + " its manifest says");
            }
            return row;
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private ArchiveException damaged(Exception e) {
        if (e instanceof ArchiveException archiveException) {
            return archiveException;
        }
        if (e.getCause() instanceof ArchiveException archiveException) {
            return archiveException;
        }
        return new ArchiveException(what + " is damaged (truncated or corrupted) after " + read + " rows: " + e, e);
    }

    @Override
    public void close() {
        try {
            rows.close();
            in.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
