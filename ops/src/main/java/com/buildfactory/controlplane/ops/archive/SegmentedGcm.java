package com.buildfactory.controlplane.ops.archive;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over a stream, in segments so that neither side holds a whole part in memory. Layout:
 * {@code "BFCPGCM1"}, an 8-byte random nonce prefix, then segments of {@code int header | ciphertext+tag}, where the
 * header is the sealed length with its top bit set on the last segment. Segment {@code i} uses nonce
 * {@code prefix | i} and the associated data {@code "last"} or {@code "more"}, so reordered, dropped, truncated or
 * re-flagged segments fail authentication instead of yielding partial plaintext.
 */
final class SegmentedGcm {

    static final String ALGORITHM = "AES-256-GCM-SEGMENTED";
    static final int SEGMENT_SIZE = 1 << 20;
    private static final byte[] MAGIC = "BFCPGCM1".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BITS = 128;
    private static final int LAST_FLAG = 0x80000000;
    private static final byte[] LAST = "last".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MORE = "more".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SegmentedGcm() {
    }

    static OutputStream encrypting(OutputStream out, ArchiveKey key) throws IOException {
        return new Encrypting(out, key);
    }

    static InputStream decrypting(InputStream in, ArchiveKey key, String part) throws IOException {
        return new Decrypting(in, key, part);
    }

    private static byte[] nonce(byte[] prefix, int index) {
        return ByteBuffer.allocate(12).put(prefix).putInt(index).array();
    }

    private static final class Encrypting extends FilterOutputStream {
        private final ArchiveKey key;
        private final byte[] prefix = new byte[8];
        private final byte[] buffer = new byte[SEGMENT_SIZE];
        private int filled;
        private int index;
        private boolean closed;

        Encrypting(OutputStream out, ArchiveKey key) throws IOException {
            super(out);
            this.key = key;
            RANDOM.nextBytes(prefix);
            out.write(MAGIC);
            out.write(prefix);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            while (length > 0) {
                if (filled == buffer.length) {
                    seal(false);
                }
                int n = Math.min(length, buffer.length - filled);
                System.arraycopy(data, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce(prefix, index)));
                cipher.updateAAD(last ? LAST : MORE);
                byte[] sealed = cipher.doFinal(buffer, 0, filled);
                out.write(ByteBuffer.allocate(4).putInt(last ? sealed.length | LAST_FLAG : sealed.length).array());
                out.write(sealed);
                index++;
                filled = 0;
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption failed", e);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            seal(true);
            out.close();
        }
    }

    private static final class Decrypting extends InputStream {
        private final DataInputStream in;
        private final ArchiveKey key;
        private final String part;
        private final byte[] prefix = new byte[8];
        private byte[] plain = new byte[0];
        private int position;
        private int index;
        private boolean sawLast;

        Decrypting(InputStream in, ArchiveKey key, String part) throws IOException {
            this.in = new DataInputStream(in);
            this.key = key;
            this.part = part;
            byte[] magic = new byte[MAGIC.length];
            try {
                this.in.readFully(magic);
                this.in.readFully(prefix);
            } catch (EOFException e) {
                throw new ArchiveException(part + " is truncated: the encryption header is incomplete");
            }
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ArchiveException(part + " is not an encrypted archive part (unknown header)");
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            while (position == plain.length) {
                if (sawLast) {
                    return -1;
                }
                nextSegment();
            }
            int n = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, target, offset, n);
            position += n;
            return n;
        }

        private void nextSegment() throws IOException {
            int length;
            boolean last;
            byte[] sealed;
            try {
                int header = in.readInt();
                last = (header & LAST_FLAG) != 0;
                length = header & ~LAST_FLAG;
                if (length < 16 || length > SEGMENT_SIZE + 16) {
                    throw new ArchiveException(part + " is corrupted: impossible segment length " + length);
                }
                sealed = new byte[length];
                in.readFully(sealed);
            } catch (EOFException e) {
                throw new ArchiveException(part + " is truncated: it ends before its last encrypted segment");
            }
            plain = open(sealed, last);
            if (plain == null) {
                throw new ArchiveException(index == 0
                        ? part + " cannot be decrypted: wrong encryption key, or the part is corrupted"
                        : part + " is corrupted: encrypted segment " + index + " fails authentication");
            }
            if (last) {
                sawLast = true;
                if (in.read() != -1) {
                    throw new ArchiveException(part + " is corrupted: data follows its last encrypted segment");
                }
            }
            position = 0;
            index++;
        }

        private byte[] open(byte[] sealed, boolean last) throws IOException {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce(prefix, index)));
                cipher.updateAAD(last ? LAST : MORE);
                return cipher.doFinal(sealed);
            } catch (AEADBadTagException e) {
                return null;
            } catch (GeneralSecurityException e) {
                throw new IOException("decryption failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
