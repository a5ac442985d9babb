package com.buildfactory.controlplane.storage;

/** A store could not be read or written; the message says which store and why. */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
