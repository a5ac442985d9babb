package com.buildfactory.controlplane.ops.archive;

/**
 * Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), the same bytes the
 * JDK's reporting decoder accepts, without building a String.
 */
final class Utf8 {

    private Utf8() {
    }

    static final int INVALID = -1;
    static final int BASIC = 0;
    static final int SUPPLEMENTARY = 1;

    static boolean valid(byte[] bytes) {
        return scan(bytes) != INVALID;
    }

    /**
     * {@link #INVALID}, {@link #BASIC} (valid, every character in the Basic Multilingual Plane) or
     * {@link #SUPPLEMENTARY} (valid, with at least one four-byte character).
     */
    static int scan(byte[] bytes) {
        int result = BASIC;
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xff;
            if (b >= 0xc2 && b <= 0xdf) {
                if (i + 1 >= n || !continuation(bytes[i + 1])) {
                    return INVALID;
                }
                i += 2;
            } else if (b >= 0xe0 && b <= 0xef) {
                if (i + 2 >= n) {
                    return INVALID;
                }
                int b1 = bytes[i + 1] & 0xff;
                if ((b == 0xe0 && b1 < 0xa0) || (b == 0xed && b1 > 0x9f) || !continuation(bytes[i + 1])
                        || !continuation(bytes[i + 2])) {
                    return INVALID;
                }
                i += 3;
            } else if (b >= 0xf0 && b <= 0xf4) {
                if (i + 3 >= n) {
                    return INVALID;
                }
                int b1 = bytes[i + 1] & 0xff;
                if ((b == 0xf0 && b1 < 0x90) || (b == 0xf4 && b1 > 0x8f) || !continuation(bytes[i + 1])
                        || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
                    return INVALID;
                }
                i += 4;
                result = SUPPLEMENTARY;
            } else {
                return INVALID;
            }
        }
        return result;
    }

    private static boolean continuation(byte b) {
        return (b & 0xc0) == 0x80;
    }
}
