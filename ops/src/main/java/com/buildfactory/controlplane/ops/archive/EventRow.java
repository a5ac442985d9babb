package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of {@code events.ndjson.gz}: a stored event with Axon's column names. {@code payload} and
 * {@code metaData} carry the serialized JSON as text, byte for byte; bytes that are not UTF-8 go in the
 * {@code ...Base64} field instead.
 */
@JsonPropertyOrder({"globalIndex", "eventIdentifier", "aggregateIdentifier", "sequenceNumber", "type", "timeStamp",
        "payloadType", "payloadRevision", "payload", "payloadBase64", "metaData", "metaDataBase64"})
public record EventRow(
        long globalIndex,
        String eventIdentifier,
        String aggregateIdentifier,
        long sequenceNumber,
        String type,
        String timeStamp,
        String payloadType,
        String payloadRevision,
        String payload,
        @JsonInclude(JsonInclude.Include.NON_NULL) String payloadBase64,
        String metaData,
        @JsonInclude(JsonInclude.Include.NON_NULL) String metaDataBase64) {

    public static EventRow of(long globalIndex, String eventIdentifier, String aggregateIdentifier,
                              long sequenceNumber, String type, String timeStamp, String payloadType,
                              String payloadRevision, byte[] payload, byte[] metaData) {
        String[] payloadText = BlobText.encode(payload);
        String[] metaDataText = BlobText.encode(metaData);
        return new EventRow(globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,
                payloadType, payloadRevision, payloadText[0], payloadText[1], metaDataText[0], metaDataText[1]);
    }

    public byte[] payloadBytes() {
        return BlobText.bytes(payload, payloadBase64);
    }

    public byte[] metaDataBytes() {
        return BlobText.bytes(metaData, metaDataBase64);
    }
}
