package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.annotation.JsonValue;

/** A full archive holds the whole log; an incremental one the events after the archive it is based on. */
public enum ArchiveKind {
    FULL,
    INCREMENTAL;

    @JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ArchiveKind fromLabel(String label) {
        for (ArchiveKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown archive kind: " + label);
    }
}
