package com.buildfactory.controlplane.application.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Examples from the seed item wi-BF-276, as the running service answered them (captured with
 * scripts/walkthrough.sh): its create request, its Done page, and start-execution blocked on it.
 */
record Examples(JsonNode seedCreate, JsonNode seedPage, JsonNode seedBlocked) {

    static Examples load() {
        return new Examples(read("seed-create.json"), read("seed-page.json"),
                read("seed-start-execution-blocked.json"));
    }

    private static JsonNode read(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/openapi/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The contract example " + name + " is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
