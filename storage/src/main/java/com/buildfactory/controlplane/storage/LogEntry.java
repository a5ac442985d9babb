package com.buildfactory.controlplane.storage;

/**
 * One event as the log stores it: its global position, identity, stream and sequence, and the serialized payload
 * and metadata exactly as written (the event serializer's bytes, never re-encoded).
 */
public record LogEntry(long position, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                       String type, String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                       byte[] metaData) {
}
