package com.buildfactory.controlplane.ops.archive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An archive's name, {@code <kind>-<yyyyMMdd'T'HHmmss'Z'>-<firstPosition>-<lastPosition>}, which is also its folder
 * under {@code archives/}. Names sort by time within a kind, and say what they hold without reading the manifest.
 */
public record ArchiveName(ArchiveKind kind, Instant createdAt, long firstPosition, long lastPosition)
        implements Comparable<ArchiveName> {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern PATTERN = Pattern.compile("(full|incremental)-(\\d{8}T\\d{6}Z)-(\\d+)-(\\d+)");

    public ArchiveName {
        createdAt = createdAt.truncatedTo(ChronoUnit.SECONDS);
    }

    public static Optional<ArchiveName> parse(String text) {
        Matcher matcher = PATTERN.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            Instant createdAt = STAMP.parse(matcher.group(2), Instant::from);
            return Optional.of(new ArchiveName(ArchiveKind.fromLabel(matcher.group(1)), createdAt,
                    Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4))));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String value() {
        return kind.label() + "-" + STAMP.format(createdAt) + "-" + firstPosition + "-" + lastPosition;
    }

    /** Oldest first; for one moment the archive reaching further into the log comes later. */
    @Override
    public int compareTo(ArchiveName other) {
        int byTime = createdAt.compareTo(other.createdAt);
        if (byTime != 0) {
            return byTime;
        }
        int byLast = Long.compare(lastPosition, other.lastPosition);
        return byLast != 0 ? byLast : kind.compareTo(other.kind);
    }

    @Override
    public String toString() {
        return value();
    }
}
