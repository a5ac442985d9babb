package com.buildfactory.controlplane.storage;

/** One aggregate snapshot as the store keeps it; a cache of the stream up to its sequence number. */
public record SnapshotEntry(String aggregateIdentifier, long sequenceNumber, String type, String eventIdentifier,
                            String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                            byte[] metaData) {
}
