package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
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

    /**
     * Writes {@code field} (and {@code fieldBase64} when the BLOB is not UTF-8) as {@link #encode} would have it:
     * valid UTF-8 goes out as the JSON string of those very bytes, escaped but never decoded. Text with characters
     * beyond the Basic Multilingual Plane takes the String path, because Jackson writes those from a String as
     * escaped surrogate pairs, and the lines must stay the bytes that version 1 wrote.
     */
    static void write(JsonGenerator json, String field, byte[] blob) throws IOException {
        int utf8 = blob == null ? Utf8.INVALID : Utf8.scan(blob);
        if (blob == null) {
            json.writeNullField(field);
        } else if (utf8 == Utf8.BASIC) {
            json.writeFieldName(field);
            json.writeUTF8String(blob, 0, blob.length);
        } else if (utf8 == Utf8.SUPPLEMENTARY) {
            json.writeStringField(field, new String(blob, StandardCharsets.UTF_8));
        } else {
            json.writeNullField(field);
            json.writeStringField(field + "Base64", Base64.getEncoder().encodeToString(blob));
        }
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
