package com.buildfactory.controlplane.ops.archive;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A BLOB as UTF-8 text when it is valid UTF-8 (Axon's JSON always is), else as Base64. */
final class BlobText {

    private BlobText() {
    }

    /** {text, base64}: exactly one is set for a non-null BLOB. */
    static String[] encode(byte[] blob) {
        if (blob == null) {
            return new String[] {null, null};
        }
        String text = decodeUtf8(blob);
        return text != null ? new String[] {text, null} : new String[] {null, Base64.getEncoder().encodeToString(blob)};
    }

    static byte[] bytes(String text, String base64) {
        if (base64 != null) {
            return Base64.getDecoder().decode(base64);
        }
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String decodeUtf8(byte[] blob) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(blob))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
