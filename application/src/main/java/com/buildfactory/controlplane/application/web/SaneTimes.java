package com.buildfactory.controlplane.application.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Times a client sends (observations, time travel, cursors) lie between 1970-01-01 and 9999-12-31 UTC. Java reads
 * years up to ±999,999,999, which SQLite's text times and every client's date library do not: such a time would be
 * stored and then fail when read back.
 */
public final class SaneTimes {

    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private SaneTimes() {
    }

    /** An ISO-8601 time with offset, in range; otherwise a 400 naming {@code field}. */
    public static Instant parse(String field, String text, String expected) {
        Instant time;
        try {
            time = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidInput(field, expected);
        }
        return check(field, time);
    }

    static Instant check(String field, Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new InvalidInput(field, "must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return time;
    }

    static boolean inRange(Instant time) {
        return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
    }
}
