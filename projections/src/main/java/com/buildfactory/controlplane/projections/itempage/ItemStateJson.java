package com.buildfactory.controlplane.projections.itempage;

import com.buildfactory.controlplane.domain.workitem.ItemState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Item state as stored in read-model rows. Unknown fields are ignored so that older rows stay readable. */
public final class ItemStateJson {

    private final ObjectMapper mapper;

    public ItemStateJson(ObjectMapper mapper) {
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public String write(ItemState state) {
        try {
            return mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Item state of " + state.id() + " cannot be written as JSON", e);
        }
    }

    public ItemState read(String json) {
        try {
            return mapper.readValue(json, ItemState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored item state cannot be read", e);
        }
    }
}
