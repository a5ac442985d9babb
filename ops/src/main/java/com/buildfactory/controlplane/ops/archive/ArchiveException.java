package com.buildfactory.controlplane.ops.archive;

/** A backup, restore or archive failure whose message is meant for an operator, not only for a log. */
public class ArchiveException extends RuntimeException {

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
