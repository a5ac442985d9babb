package com.buildfactory.controlplane.application.pages;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.support.ui.FluentWait;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the browser tests set up through the API, as the admin. */
final class Scenario {

    private Scenario() {
    }

    static String create(Api api, String body) {
        Api.Response created = api.post("/api/control-plane/items", TestTokens.ADMIN, body).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    static void act(Api api, String id, int expectedStatus, String... actions) {
        for (String action : actions) {
            Api.Response answer = api.post(Items.actionPath(id, action), TestTokens.ADMIN, null).send();
            assertThat(answer.status()).as(action + ": " + answer).isEqualTo(expectedStatus);
        }
    }

    /** Waits until a read answers 200 with a body that contains the text (read models are fed asynchronously). */
    static void awaitRead(Api api, String path, String text) {
        awaitRead(api, path, text, json -> json.toString().contains(text));
    }

    static void awaitRead(Api api, String path, String what, Predicate<JsonNode> holds) {
        new FluentWait<>(api).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(20))
                .withMessage(() -> path + " never showed " + what)
                .until(a -> {
                    Api.Response answer = a.get(path, TestTokens.ADMIN).send();
                    return answer.status() == 200 && holds.test(answer.json());
                });
    }

    /** Waits until the board shows the item (by key) in the lane. */
    static void awaitOnBoard(Api api, String key, String lane) {
        awaitRead(api, "/api/control-plane/board", key + " in " + lane, board -> {
            for (JsonNode column : board.get("lanes")) {
                if (column.get("lane").asText().equals(lane)) {
                    for (JsonNode card : column.get("items")) {
                        if (card.get("key").asText().equals(key)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        });
    }

    /** The item's events in the log (history reads the event store, so it never lags). */
    static long eventCount(Api api, String id) {
        Api.Response history = api.get("/api/control-plane/items/" + id + "/history?limit=1", TestTokens.ADMIN).send();
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        return history.json().get("eventCount").asLong();
    }

    /** The read models are fed asynchronously: wait until the item page holds at least this version. */
    static void awaitVersion(Api api, String id, long version) {
        new FluentWait<>(api).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(20))
                .until(a -> {
                    Api.Response page = a.get("/api/control-plane/items/" + id, TestTokens.ADMIN).send();
                    return page.status() == 200 && page.json().get("version").asLong() >= version;
                });
    }
}
