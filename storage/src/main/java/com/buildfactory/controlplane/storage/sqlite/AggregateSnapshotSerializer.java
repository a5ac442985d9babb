package com.buildfactory.controlplane.storage.sqlite;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Snapshots hold the aggregate's private fields, so they are written field by field. Unknown fields are ignored:
 * a snapshot is a cache, and Axon rebuilds from the full stream when one cannot be read.
 */
public record AggregateSnapshotSerializer(Serializer serializer) {

    public static AggregateSnapshotSerializer from(ObjectMapper base) {
        ObjectMapper mapper = base.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return new AggregateSnapshotSerializer(JacksonSerializer.builder().objectMapper(mapper).build());
    }
}
