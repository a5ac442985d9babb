package com.buildfactory.controlplane.storage;

/** Where one of an item's events sits in the log, and when it was stored: enough to place it without its payload. */
public record ItemEventRef(long position, long sequenceNumber, String timeStamp) {
}
