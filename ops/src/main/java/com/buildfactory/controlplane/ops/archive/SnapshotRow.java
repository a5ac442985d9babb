package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** One line of {@code snapshots.ndjson.gz}: an aggregate snapshot, encoded like {@link EventRow}. */
@JsonPropertyOrder({"aggregateIdentifier", "sequenceNumber", "type", "eventIdentifier", "timeStamp", "payloadType",
        "payloadRevision", "payload", "payloadBase64", "metaData", "metaDataBase64"})
public record SnapshotRow(
        String aggregateIdentifier,
        long sequenceNumber,
        String type,
        String eventIdentifier,
        String timeStamp,
        String payloadType,
        String payloadRevision,
        String payload,
        @JsonInclude(JsonInclude.Include.NON_NULL) String payloadBase64,
        String metaData,
        @JsonInclude(JsonInclude.Include.NON_NULL) String metaDataBase64) implements ArchiveRow {

    /** The row of a stored snapshot, encoded from its columns (see {@link EventRow#stored}). */
    public static ArchiveRow stored(String aggregateIdentifier, long sequenceNumber, String type,
                                    String eventIdentifier, String timeStamp, String payloadType,
                                    String payloadRevision, byte[] payload, byte[] metaData) {
        return json -> {
            json.writeStartObject();
            json.writeStringField("aggregateIdentifier", aggregateIdentifier);
            json.writeNumberField("sequenceNumber", sequenceNumber);
            json.writeStringField("type", type);
            json.writeStringField("eventIdentifier", eventIdentifier);
            json.writeStringField("timeStamp", timeStamp);
            ArchiveRow.writeMessage(json, payloadType, payloadRevision, payload, metaData);
        };
    }

    public static SnapshotRow of(String aggregateIdentifier, long sequenceNumber, String type, String eventIdentifier,
                                 String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                                 byte[] metaData) {
        String[] payloadText = BlobText.encode(payload);
        String[] metaDataText = BlobText.encode(metaData);
        return new SnapshotRow(aggregateIdentifier, sequenceNumber, type, eventIdentifier, timeStamp, payloadType,
                payloadRevision, payloadText[0], payloadText[1], metaDataText[0], metaDataText[1]);
    }

    public byte[] payloadBytes() {
        return BlobText.bytes(payload, payloadBase64);
    }

    public byte[] metaDataBytes() {
        return BlobText.bytes(metaData, metaDataBase64);
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeObject(this);
    }
}
