package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.support.Api;
import com.fasterxml.jackson.databind.JsonNode;

/** The item page is a read model fed asynchronously: wait (bounded) until it shows a version. */
final class Awaiting {

    private Awaiting() {
    }

    static JsonNode page(Api api, String itemId, String token, long version) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Api.Response last = null;
        while (System.nanoTime() < deadline) {
            last = api.get("/api/control-plane/items/" + itemId, token).send();
            if (last.status() == 200 && last.json().get("version").asLong() >= version) {
                return last.json();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("The page of " + itemId + " never reached version " + version + ": " + last);
    }
}
