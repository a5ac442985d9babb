package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One line of {@code events.ndjson.gz}: a stored event with Axon's column names. {@code payload} and
 * {@code metaData} carry the serialized JSON as text, byte for byte; bytes that are not UTF-8 go in the
 * {@code ...Base64} field instead. The exporter writes rows straight from the columns with {@link #stored}, which
 * gives the same bytes as serializing the record, without decoding the BLOBs into Strings first.
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
        @JsonInclude(JsonInclude.Include.NON_NULL) String metaDataBase64) implements ArchiveRow {

    /** The row of a stored event, encoded from its columns as they come from the table. */
    public static ArchiveRow stored(long globalIndex, String eventIdentifier, String aggregateIdentifier,
                                    long sequenceNumber, String type, String timeStamp, String payloadType,
                                    String payloadRevision, byte[] payload, byte[] metaData) {
        return json -> {
            json.writeStartObject();
            json.writeNumberField("globalIndex", globalIndex);
            json.writeStringField("eventIdentifier", eventIdentifier);
            json.writeStringField("aggregateIdentifier", aggregateIdentifier);
            json.writeNumberField("sequenceNumber", sequenceNumber);
            json.writeStringField("type", type);
            json.writeStringField("timeStamp", timeStamp);
            ArchiveRow.writeMessage(json, payloadType, payloadRevision, payload, metaData);
        };
    }

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

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
        json.writeObject(this);
    }
}
