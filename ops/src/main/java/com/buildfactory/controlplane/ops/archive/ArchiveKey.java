package com.buildfactory.controlplane.ops.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The AES-256 key for client-side archive encryption, given as Base64 of 32 random bytes. */
public final class ArchiveKey {

    public static final String ENVIRONMENT_VARIABLE = "CONTROL_PLANE_BACKUP_ENCRYPTION_KEY";

    private final byte[] key;

    private ArchiveKey(byte[] key) {
        this.key = key;
    }

    public static ArchiveKey fromBase64(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new ArchiveException("the backup encryption key is not valid Base64 (expected Base64 of 32 bytes,"
                    + " e.g. from `openssl rand -base64 32`)");
        }
        if (decoded.length != 32) {
            throw new ArchiveException("the backup encryption key must be 32 bytes (AES-256), Base64-encoded; got "
                    + decoded.length + " bytes");
        }
        return new ArchiveKey(decoded);
    }

    /** The key from {@value #ENVIRONMENT_VARIABLE}, or empty when it is unset or blank (archives unencrypted). */
    public static Optional<ArchiveKey> fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(fromBase64(value));
    }

    SecretKey secretKey() {
        return new SecretKeySpec(key, "AES");
    }

    /** A short public identifier: tells which key an archive needs without revealing the key. */
    public String keyId() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("build-factory-archive-key-id:".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(Arrays.copyOf(digest.digest(key), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ArchiveKey[" + keyId() + "]";
    }
}
