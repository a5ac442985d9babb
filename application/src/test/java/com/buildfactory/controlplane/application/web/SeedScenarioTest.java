package com.buildfactory.controlplane.application.web;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.SeedPage;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed page end to end: create wi-BF-276, move it to Done, and compare its page field by field. */
class SeedScenarioTest {

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;
    static JsonNode page;

    @BeforeAll
    static void moveSeedItemToDone() {
        service = RunningService.start(dataDir, Map.of());
        api = service.api();
        Api.Response created = api.post("/api/control-plane/items", TestTokens.ADMIN, Items.seed()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/control-plane/items/wi-BF-276");
        for (String action : new String[] {"mark-ready", "start-execution", "request-review", "complete"}) {
            Api.Response moved = api.post(Items.actionPath("wi-BF-276", action), TestTokens.ADMIN, null).send();
            assertThat(moved.status()).as(action + ": " + moved).isEqualTo(200);
            assertThat(moved.json().at("/actionResult/outcome").asText()).isEqualTo("applied");
        }
        page = Awaiting.page(api, "wi-BF-276", TestTokens.ADMIN, 4);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void pageShowsTheSeedsIdentityAndExecutionContext() {
        SeedPage seed = SeedPage.load();
        assertThat(page.get("heading").asText()).isEqualTo(seed.heading);
        assertThat(page.get("title").asText()).isEqualTo(seed.title);
        assertThat(page.get("description").asText()).isEqualTo(seed.description);
        assertThat(page.at("/executionContext/id").asText()).isEqualTo(seed.fields.get("ID"));
        assertThat(page.at("/executionContext/branch").asText()).isEqualTo(seed.fields.get("Branch"));
        assertThat(page.at("/executionContext/validation").asText()).isEqualTo(seed.fields.get("Validation"));
        assertThat(page.at("/executionContext/pullRequest/url").asText()).isEqualTo(seed.fields.get("PR"));
    }

    @Test
    void pageShowsTheSeedsLifecycleMetadataAndPromptContext() {
        SeedPage seed = SeedPage.load();
        assertThat(page.at("/lifecycle/lane").asText()).isEqualTo(seed.fields.get("Lane"));
        assertThat(page.at("/lifecycle/workType").asText()).isEqualTo(seed.fields.get("Work type"));
        assertThat(page.at("/lifecycle/source").asText()).isEqualTo(seed.fields.get("Source"));
        assertThat(page.at("/lifecycle/status").asText()).isEqualTo(seed.fields.get("Status"));
        assertThat(page.at("/lifecycle/state").asText()).isEqualTo(seed.fields.get("State"));
        assertThat(page.at("/lifecycle/doneCriteria/count").asText()).isEqualTo(seed.fields.get("Done criteria"));
        assertThat(page.at("/promptContext/path").asText()).isEqualTo(seed.promptPath);
        assertThat(page.at("/promptContext/text").asText()).isEqualTo(seed.promptText);
    }

    @Test
    void everySeedActionIsRenderedWithItsStateGatesGuidanceAndEndpoint() {
        SeedPage seed = SeedPage.load();
        assertThat(seed.actions).hasSize(4);
        for (SeedPage.SeedAction expected : seed.actions) {
            JsonNode action = actionNamed(expected.identity());
            assertThat(action.get("label").asText()).isEqualTo(expected.label());
            assertThat(action.get("enabled").asBoolean()).as(expected.identity()).isEqualTo(expected.enabled());
            assertThat(action.get("description").asText()).isEqualTo(expected.description());
            assertThat(action.get("permission").asText()).isEqualTo(expected.permission());
            assertThat(action.get("method").asText() + " " + action.get("path").asText())
                    .isEqualTo(expected.endpoint());
            assertThat(gateLines(action)).containsExactlyElementsOf(expected.gateLines());
            if (expected.guidance().isEmpty()) {
                assertThat(action.has("recoveryGuidance")).as(expected.identity()).isFalse();
            } else {
                JsonNode guidance = action.get("recoveryGuidance");
                assertThat(guidance.get("cause").asText()).isEqualTo(expected.guidance().get("Cause"));
                assertThat(guidance.get("policyContext").asText()).isEqualTo(expected.guidance().get("Policy context"));
                assertThat(guidance.get("nextStep").asText()).isEqualTo(expected.guidance().get("Next step"));
                assertThat(guidance.get("safeRetry").asText()).isEqualTo(expected.guidance().get("Safe retry"));
            }
        }
    }

    @Test
    void blockedStartExecutionAnswers409WithTheSameGuidanceThePageShows() {
        Api.Response blocked = api.post(Items.actionPath("wi-BF-276", "start-execution"), TestTokens.ADMIN, null)
                .send();
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(blocked.json().get("recoveryGuidance"))
                .isEqualTo(actionNamed("start-execution").get("recoveryGuidance"));
        assertThat(blocked.json().get("gates")).isEqualTo(actionNamed("start-execution").get("gates"));
    }

    @Test
    void everyEventRecordsItsActorInItsMetadata() {
        java.util.List<String> metadata = service.jdbc().queryForList(
                "SELECT CAST(metaData AS TEXT) FROM DomainEventEntry WHERE aggregateIdentifier = 'wi-BF-276'",
                String.class);
        assertThat(metadata).hasSizeGreaterThanOrEqualTo(5).allMatch(m -> m.contains("\"actor\":\"admin\""));
    }

    private static JsonNode actionNamed(String identity) {
        for (JsonNode action : page.get("availableActions")) {
            if (action.get("identity").asText().equals(identity)) {
                return action;
            }
        }
        throw new AssertionError("No action " + identity + " on the page");
    }

    private static java.util.List<String> gateLines(JsonNode action) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (JsonNode gate : action.get("gates")) {
            String line = gate.get("name").asText() + ": " + gate.get("result").asText();
            if (gate.hasNonNull("reason")) {
                line += " (" + gate.get("reason").asText() + ")";
            }
            lines.add(line);
        }
        return lines;
    }
}
