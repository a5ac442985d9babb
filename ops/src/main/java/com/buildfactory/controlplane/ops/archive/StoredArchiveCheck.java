package com.buildfactory.controlplane.ops.archive;

import com.buildfactory.controlplane.ops.target.ArchiveTarget;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.zip.ZipException;

/**
 * Checks an archive as the target holds it, in one pass over each part as it downloads, without a local copy: size
 * and SHA-256 of the stored bytes against the manifest, every encrypted segment authenticated, every gzip member
 * inflated with its CRC-32 and length checked, rows (lines) counted, and event positions, read from the start of each
 * line, rising strictly inside the manifest's range. The JSON of a row is not parsed here: its bytes are the ones the
 * writer produced (the SHA-256 says so); restores and drills parse every row.
 */
public final class StoredArchiveCheck {

    private static final byte[] EVENT_PREFIX = "{\"globalIndex\":".getBytes(StandardCharsets.US_ASCII);

    private StoredArchiveCheck() {
    }

    public static void verify(ArchiveTarget target, ArchiveManifest manifest, ArchiveKey keyOrNull) {
        ArchiveKey key = FetchedArchive.requireKey(manifest, keyOrNull);
        for (ArchivePart part : manifest.parts()) {
            String what = manifest.archive() + "/" + part.name();
            boolean events = part.name().equals(ArchiveLayout.EVENTS);
            Outcome outcome = target.read(ArchiveLayout.key(manifest.archive(), part.name()), object ->
                    read(object, what, key, events ? new Positions(manifest) : null));
            if (outcome.size != part.size() || !outcome.sha256.equals(part.sha256())) {
                throw new ArchiveException("archive " + manifest.archive() + " is corrupted: " + part.name()
                        + " has " + outcome.size + " bytes with SHA-256 " + outcome.sha256 + ", its manifest says "
                        + part.size() + " bytes with SHA-256 " + part.sha256());
            }
            if (outcome.damage != null) {
                throw outcome.damage instanceof ArchiveException archiveException ? archiveException
                        : new ArchiveException(what + " is damaged (truncated or corrupted) after " + outcome.rows
                        + " rows: " + outcome.damage, outcome.damage);
            }
            if (outcome.rows != part.records()) {
                throw new ArchiveException(what + " holds " + outcome.rows + " rows but its manifest says "
                        + part.records());
            }
        }
    }

    private record Outcome(long size, String sha256, long rows, Exception damage) {
    }

    private static Outcome read(InputStream object, String what, ArchiveKey key, Positions positions)
            throws IOException {
        Stored stored = new Stored(object);
        Lines lines = new Lines(positions);
        Exception damage = null;
        try {
            InputStream plain = key == null ? stored : SegmentedGcm.decrypting(stored, key, what);
            try (GzipMembers rows = new GzipMembers(plain)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = rows.read(buffer, 0, buffer.length)) >= 0; ) {
                    lines.scan(buffer, n);
                }
            }
            lines.end();
        } catch (ZipException | EOFException | ArchiveException e) {
            damage = e;
        }
        stored.drain();
        return new Outcome(stored.size, Sha256.hex(stored.digest), lines.rows, damage);
    }

    /** The bytes as stored: counted and hashed on the way through; closing it leaves the download open. */
    private static final class Stored extends FilterInputStream {
        private final MessageDigest digest = Sha256.digest();
        private long size;

        Stored(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                size += n;
            }
            return n;
        }

        void drain() throws IOException {
            byte[] buffer = new byte[1 << 16];
            while (read(buffer, 0, buffer.length) >= 0) {
                // hashed by read
            }
        }

        @Override
        public void close() {
            // the target closes the download
        }
    }

    /** Counts lines; for events, reads the position at the start of each line and checks that it rises. */
    private static final class Lines {
        private final Positions positions;
        private long rows;
        private boolean inLine;
        private int prefixMatched;
        private boolean inNumber;
        private long number;
        private int digits;

        Lines(Positions positions) {
            this.positions = positions;
        }

        void scan(byte[] buffer, int length) {
            int i = 0;
            while (i < length) {
                if (positions != null && (!inLine || inNumber || prefixMatched > 0)) {
                    position(buffer[i++]);
                    continue;
                }
                while (i < length && buffer[i] != '\n') {
                    i++;
                }
                if (i < length) {
                    rows++;
                    inLine = false;
                    i++;
                } else {
                    inLine = true;
                }
            }
        }

        /** The start of an event line: the prefix, then the digits up to the comma. */
        private void position(byte b) {
            inLine = true;
            if (!inNumber) {
                if (b != EVENT_PREFIX[prefixMatched]) {
                    throw positions.malformed(rows + 1);
                }
                if (++prefixMatched == EVENT_PREFIX.length) {
                    prefixMatched = 0;
                    inNumber = true;
                    number = 0;
                    digits = 0;
                }
            } else if (b >= '0' && b <= '9' && digits < 18) {
                number = number * 10 + (b - '0');
                digits++;
            } else if (b == ',' && digits > 0) {
                inNumber = false;
                positions.next(number);
            } else {
                throw positions.malformed(rows + 1);
            }
        }

        void end() {
            if (inLine) {
                throw new ArchiveException("row " + (rows + 1) + " is cut off: the part does not end with a newline");
            }
        }
    }

    private static final class Positions {
        private final ArchiveManifest manifest;
        private long previous;

        Positions(ArchiveManifest manifest) {
            this.manifest = manifest;
            this.previous = manifest.firstPosition() - 1;
        }

        void next(long position) {
            if (position <= previous || position > manifest.lastPosition()) {
                throw new ArchiveException("archive " + manifest.archive() + " is inconsistent: event position "
                        + position + " after " + previous + " outside " + manifest.firstPosition() + ".."
                        + manifest.lastPosition());
            }
            previous = position;
        }

        ArchiveException malformed(long row) {
            return new ArchiveException("archive " + manifest.archive() + " is damaged: event row " + row
                    + " does not start with its position");
        }
    }
}
