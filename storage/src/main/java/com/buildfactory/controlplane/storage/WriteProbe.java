package com.buildfactory.controlplane.storage;

/**
 * What health asks the event log's store: can it take a write, and was a failure the store's disk running full?
 * Each engine knows its own answers: how to open a write without committing one, and how it names a full disk.
 */
public interface WriteProbe {

    /** Opens a write transaction and rolls it back: the store, its folder and its write lock are usable. */
    void openWrite() throws Exception;

    /**
     * Commits a row of {@code bytes} and deletes it again: real space is needed, as a command needs it. Opening a
     * transaction needs none, so after a full disk only this says that writes work again.
     */
    void commit(int bytes) throws Exception;

    /** The engine's name for a full disk if that is anywhere in the failure's causes, else null. */
    String diskFull(Throwable failure);

    /** The operating system's "No space left on device" (ENOSPC), whichever engine hit it. */
    static boolean noSpaceLeft(Throwable cause) {
        return cause instanceof java.io.IOException && String.valueOf(cause.getMessage()).contains("No space left");
    }
}
