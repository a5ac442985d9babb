package com.buildfactory.controlplane.ops.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Reads a gzip file of one or more members (RFC 1952, 2.2) to its very end. {@link java.util.zip.GZIPInputStream}
 * decides whether another member follows by asking {@code available()}, which a decrypting stream cannot answer
 * truthfully, and it silently ignores a malformed tail; here every member's header and trailer (CRC-32, length) is
 * checked, a stream that ends inside a member is an error, and anything after a member must be another member.
 * A version 1 part is a single member, a version 2 part a sequence of them.
 */
final class GzipMembers extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private int position;
    private int limit;
    private long memberLength;
    private boolean ended;

    GzipMembers(InputStream in) throws IOException {
        this.in = in;
        if (!fill()) {
            throw new EOFException("the part is empty: no gzip header");
        }
        readHeader();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!ended) {
            if (inflater.needsInput()) {
                if (position == limit && !fill()) {
                    throw new EOFException("the gzip stream ends inside a member");
                }
                inflater.setInput(buffer, position, limit - position);
                position = limit;
            }
            int n;
            try {
                n = inflater.inflate(target, offset, length);
            } catch (DataFormatException e) {
                throw new ZipException("invalid deflate data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(target, offset, n);
                memberLength += n;
                return n;
            }
            if (inflater.finished()) {
                position = limit - inflater.getRemaining();
                readTrailer();
                if (position == limit && !fill()) {
                    ended = true;
                } else {
                    readHeader();
                }
            } else if (inflater.needsDictionary()) {
                throw new ZipException("a gzip member asks for a preset dictionary");
            }
        }
        return -1;
    }

    private void readHeader() throws IOException {
        if (readByte() != 0x1f || readByte() != 0x8b) {
            throw new ZipException("not a gzip member (bad magic)");
        }
        if (readByte() != 8) {
            throw new ZipException("unsupported gzip compression method");
        }
        int flags = readByte();
        if ((flags & 0xe0) != 0) {
            throw new ZipException("reserved gzip flags set");
        }
        skip(6);
        if ((flags & FEXTRA) != 0) {
            skip(readByte() | readByte() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        inflater.reset();
        crc.reset();
        memberLength = 0;
    }

    private void readTrailer() throws IOException {
        long storedCrc = readInt();
        long storedLength = readInt();
        if (storedCrc != crc.getValue() || storedLength != (memberLength & 0xffffffffL)) {
            throw new ZipException("corrupt gzip trailer (CRC-32 or length mismatch)");
        }
    }

    private long readInt() throws IOException {
        return (readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24) & 0xffffffffL;
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) {
            // skip
        }
    }

    private void skip(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            readByte();
        }
    }

    private int readByte() throws IOException {
        if (position == limit && !fill()) {
            throw new EOFException("the gzip stream ends inside a member header or trailer");
        }
        return buffer[position++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
