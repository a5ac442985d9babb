package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** One line of a part, written as one JSON object; {@link PartWriter} adds the newline. */
@FunctionalInterface
public interface ArchiveRow {

    void writeTo(JsonGenerator json) throws IOException;

    /** The fields every row ends with, events and snapshots alike: the serialized message, then the object's end. */
    static void writeMessage(JsonGenerator json, String payloadType, String payloadRevision, byte[] payload,
                             byte[] metaData) throws IOException {
        json.writeStringField("payloadType", payloadType);
        json.writeStringField("payloadRevision", payloadRevision);
        BlobText.write(json, "payload", payload);
        BlobText.write(json, "metaData", metaData);
        json.writeEndObject();
    }
}
