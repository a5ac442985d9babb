package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Eventually;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/** The item page is a read model fed asynchronously: wait (bounded) until it shows a version. */
final class Awaiting {

    private Awaiting() {
    }

    static JsonNode page(Api api, String itemId, String token, long version) {
        return Eventually.await(Duration.ofSeconds(10), () -> api.get("/api/control-plane/items/" + itemId, token).send(),
                page -> page.status() == 200 && page.json().get("version").asLong() >= version,
                "the page of " + itemId + " at version " + version).json();
    }
}
