package com.buildfactory.controlplane.ops.target;

import com.buildfactory.controlplane.ops.archive.ArchiveException;

/** The target could not be reached or refused a request; the message names the target and the cause. */
public class TargetException extends ArchiveException {

    public TargetException(String message) {
        super(message);
    }

    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
