package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.projections.queuetruth.DriftedItem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** An opaque cursor into the drift list: when the last shown drift began and its log position. */
final class DriftCursor {

    private static final String KIND = "drift:";

    private DriftCursor() {
    }

    static String encode(DriftedItem last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((KIND + last.driftSince() + "|"
                + last.driftPosition()).getBytes(StandardCharsets.UTF_8));
    }

    /** The position to continue after, as a drifted item carrying only its sort key; null for the first page. */
    static DriftedItem decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (text.startsWith(KIND) && bar > 0) {
                Instant since = Instant.parse(text.substring(KIND.length(), bar));
                long position = Long.parseLong(text.substring(bar + 1));
                if (SaneTimes.inRange(since) && position >= 0) {
                    return new DriftedItem(null, -1, since, position);
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // falls through to the refusal below
        }
        throw new InvalidInput("cursor", "is not a cursor of the drift list; use the nextCursor it returned");
    }
}
