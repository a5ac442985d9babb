package com.buildfactory.controlplane.application.pages;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.SeedPage;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages in a real headless Chromium against the real service: the seed item, actions, history, board. */
class PagesInBrowserTest {

    private static final String SEED = "wi-BF-276";

    @TempDir
    static Path dataDir;
    static RunningService service;
    static Api api;
    static Browser browser;

    @BeforeAll
    static void startServiceWithTheSeedItemDoneAndABrowser() {
        service = RunningService.start(dataDir, Map.of());
        api = service.api();
        Scenario.create(api, Items.seed());
        Scenario.act(api, SEED, 200, "mark-ready", "start-execution", "request-review", "complete");
        Scenario.act(api, SEED, 409, "start-execution");
        Scenario.create(api, Items.simple("BF-275"));
        browser = Browser.open(service.port());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        service.close();
    }

    @AfterEach
    void noScriptErrorsNorPolicyRefusals() {
        assertThat(browser.scriptErrors()).isEmpty();
    }

    @Test
    void seedItemPageShowsTheSeedsSectionsAndEveryActionWithItsGatesAndGuidance() {
        browser.signIn(TestTokens.ADMIN);
        browser.go("/item.html?id=" + SEED);
        browser.waitForText("#lane", "Done");
        SeedPage seed = SeedPage.load();
        assertThat(browser.text("#item-heading")).isEqualToIgnoringCase(seed.heading);
        assertThat(browser.text("#item-title")).isEqualTo(seed.title);
        String context = browser.text("#execution-context");
        assertThat(context).contains(seed.fields.get("ID"), seed.fields.get("Branch"), seed.fields.get("Validation"),
                seed.fields.get("PR"));
        assertThat(browser.text("#lifecycle")).contains("Work type\n" + seed.fields.get("Work type"),
                "Source\ndone", "Status\ndone", "State\ndone");
        assertThat(browser.text("#done-criteria")).isEqualTo(seed.fields.get("Done criteria"));
        assertThat(browser.text("#freshness")).isEqualTo("Fresh (snapshot age 0s)");
        assertThat(browser.text("#drift")).isEqualTo("none.");
        assertThat(browser.text("#reconciliation-guidance"))
                .isEqualTo("No reconciliation required; item truth signals are consistent.");
        assertThat(browser.text("#prompt-context")).contains(seed.promptPath, seed.promptText);
        for (SeedPage.SeedAction expected : seed.actions) {
            String action = "#action-" + expected.identity();
            assertThat(browser.text(action + " .action-state")).isEqualTo(expected.enabled() ? "Enabled" : "Blocked");
            assertThat(browser.text(action + " .permission")).isEqualTo("permission: " + expected.permission());
            assertThat(gateLines(action)).containsExactlyElementsOf(
                    expected.gateLines().stream().map(line -> "policy gate " + line).toList());
            assertThat(browser.text(action + " .endpoint")).isEqualTo(expected.endpoint());
            WebElement button = browser.find(action + " button.action-button");
            assertThat(button.getAttribute("aria-disabled")).isEqualTo(expected.enabled() ? null : "true");
            if (!expected.enabled()) {
                String guidance = browser.text(action + " .guidance");
                expected.guidance().forEach((term, text) -> assertThat(guidance).contains(term + "\n" + text));
            }
        }
        browser.screenshot("item-page-" + SEED);
    }

    @Test
    void pressingRecordHistoryShowsTheAnswerAndTheTimelineWithItsBlockedGatesAndTimeTravel() {
        browser.signIn(TestTokens.ADMIN);
        browser.go("/item.html?id=" + SEED);
        browser.waitForText("#lane", "Done");
        browser.find("#action-record-history button").click();
        browser.waitUntil(d -> browser.text("#status").startsWith("Record history applied."));
        assertThat(browser.text("#lane")).isEqualTo("Done");

        browser.find(".links a[href^='/history.html']").click();
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#timeline li[data-action='record-history']")).isEmpty());
        String blocked = browser.text("#timeline li.outcome-blocked[data-action='start-execution']");
        assertThat(blocked).contains("admin", "start-execution · blocked · stayed in Done",
                "gate lane-transition blocked: Done items stay closed; Start execution cannot move them backward.");
        assertThat(browser.text("#timeline li[data-action='complete']")).contains("admin", "Review → Done");
        browser.screenshot("history-" + SEED);

        browser.find("#timeline li[data-action='start-execution'].outcome-applied a").click();
        browser.waitForText("#lane", "In Progress");
        assertThat(browser.text("#historical")).startsWith("Time travel: this is the page as it was at position 3");
        assertThat(browser.driver().findElements(By.cssSelector("button.action-button"))).isEmpty();
        browser.screenshot("time-travel-" + SEED);

        browser.go("/history.html?id=" + SEED);
        browser.find("#as-of").sendKeys("2", Keys.ENTER);
        browser.waitForText("#lane", "Ready");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/item.html?id=" + SEED + "&asOf=2");
    }

    @Test
    void pressingAnEnabledActionByKeyboardMovesTheItemWithoutAReloadAndTheBoardFollows() {
        String id = Scenario.create(api, Items.simple("BF-900"));
        browser.signIn(TestTokens.ADMIN);
        browser.go("/item.html?id=" + id);
        browser.waitForText("#lane", "Backlog");
        browser.script("window.samePage = true");
        browser.find("#action-mark-ready button").sendKeys(Keys.ENTER);
        browser.waitForText("#lane", "Ready");
        assertThat(browser.script("return window.samePage")).isEqualTo(true);
        assertThat(browser.text("#status")).startsWith("Mark ready applied.");
        assertThat(browser.text("#action-start-execution .action-state")).isEqualTo("Enabled");

        Scenario.awaitOnBoard(api, "BF-900", "Ready");
        browser.go("/board.html");
        assertThat(browser.text("#lane-ready")).contains("BF-900");
        assertThat(browser.text("#lane-backlog")).doesNotContain("BF-900");
        assertThat(browser.text("#lane-done")).contains("BF-276");
        browser.screenshot("board");

        new org.openqa.selenium.support.ui.Select(browser.find("#work-type")).selectByValue("operations");
        browser.find(".filter button").click();
        browser.waitForText("#board-total", "1 item of work type operations.");
        assertThat(browser.text("#lane-ready .count")).isEqualTo("0");
        assertThat(browser.text("#lane-done .count")).isEqualTo("1");
    }

    @Test
    void pressingABlockedActionSendsNothingAndSaysWhyAndWhatNext() {
        browser.signIn(TestTokens.ADMIN);
        browser.go("/item.html?id=" + SEED);
        browser.waitForText("#lane", "Done");
        long events = Scenario.eventCount(api, SEED);
        browser.find("#action-request-review button").sendKeys(Keys.ENTER);
        browser.waitForText("#status", "Request review is blocked: Done items stay closed; Request review cannot move"
                + " them backward. Next step: Create a net-new work item if more delivery is needed instead of"
                + " reopening this one.");
        assertThat(Scenario.eventCount(api, SEED)).isEqualTo(events);
    }

    @Test
    void aFollowUpWithATakenKeyAnswers409AsASentenceAndWithANewKeyIsCreated() {
        browser.signIn(TestTokens.ADMIN);
        browser.go("/item.html?id=" + SEED);
        browser.waitForText("#lane", "Done");
        createFollowUp("BF-275", "A key another item has");
        browser.waitUntil(d -> browser.text("#alert").startsWith("Item already exists:"));
        assertThat(browser.text("#alert")).contains("nothing was changed");
        browser.screenshot("follow-up-409");

        createFollowUp("BF-277", "More staging work");
        browser.waitUntil(d -> browser.text("#status").startsWith("Create follow-up applied."));
        assertThat(browser.text("#status")).contains("It created wi-BF-277.");
        assertThat(browser.text("#follow-ups")).isEqualTo("Follow-ups: wi-BF-277");
        browser.find("#follow-ups a").click();
        browser.waitForText("#lane", "Backlog");
        assertThat(browser.text("#item-title")).isEqualTo("More staging work");
    }

    private static void createFollowUp(String key, String title) {
        browser.find("#action-create-follow-up button").click();
        browser.find("#follow-up-key").sendKeys(key);
        browser.find("#follow-up-title").sendKeys(title);
        browser.find("#follow-up-form button[type=submit]").click();
    }

    @Test
    void anItemChangedSinceItWasShownAnswers412AsSentencesAndThePageShowsItAsItIs() {
        String id = Scenario.create(api, Items.simple("BF-901"));
        browser.signIn(TestTokens.ADMIN);
        browser.go("/item.html?id=" + id);
        browser.waitForText("#lane", "Backlog");
        Scenario.act(api, id, 200, "mark-ready");
        Scenario.awaitVersion(api, id, 1);

        browser.find("#action-mark-ready button").click();
        browser.waitUntil(d -> browser.text("#alert").startsWith("The item changed since you read it:"));
        assertThat(browser.text("#alert")).contains("Item " + id + " is at version 1, not 0",
                "Nothing was changed. The page now shows the item as it is");
        browser.waitForText("#lane", "Ready");
        browser.screenshot("stale-page-412");
    }

    @Test
    void aReaderSeesThePromptRedactedAndBackupsRefusedInASentence() {
        browser.signIn(TestTokens.READER);
        browser.go("/item.html?id=" + SEED);
        browser.waitForText("#lane", "Done");
        assertThat(browser.text("#prompt-redacted")).startsWith("Redacted");
        assertThat(browser.text("#prompt-context")).doesNotContain(Items.SEED_TEXT);
        assertThat(browser.text("#action-record-history .action-state")).isEqualTo("Blocked");
        assertThat(browser.text("#action-record-history .gates")).contains("policy gate permission: blocked");
        assertThat(browser.find("#action-record-history button").getAttribute("aria-disabled")).isEqualTo("true");

        browser.go("/backups.html");
        assertThat(browser.text("#alert")).contains("Permission missing: Actor reader lacks permission factory.admin.",
                "The permission needed is factory.admin.");
        browser.screenshot("backups-refused-403");
    }

    @Test
    void anAdminBacksUpNowAndSeesTheVerifiedArchiveAndADrill() {
        browser.signIn(TestTokens.ADMIN);
        browser.go("/backups.html");
        browser.find("#backup-now").click();
        browser.waitUntil(d -> browser.text("#status").startsWith("Backup succeeded"));
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#archives td.verified")).isEmpty());
        browser.find("#drill-now").click();
        browser.waitUntil(d -> browser.text("#status").startsWith("Drill passed"));
        browser.waitUntil(d -> browser.text("#last-drill").contains("passed"));
        assertThat(browser.text("#backup-health")).startsWith("Healthy");
        browser.screenshot("backups");
    }

    @Test
    void theQueueAndTheDriftListShowAnItemInExecutionWhoseRunnerReportedDone() {
        String id = Scenario.create(api, Items.simple("BF-902"));
        Scenario.act(api, id, 200, "mark-ready", "start-execution");
        Api.Response reported = api.post("/api/control-plane/items/" + id + "/signals", TestTokens.ADMIN,
                "{\"signal\":\"status\",\"value\":\"done\"}").send();
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        Scenario.awaitRead(api, "/api/control-plane/queue", "BF-902");
        Scenario.awaitRead(api, "/api/control-plane/drift", "BF-902");
        browser.signIn(TestTokens.ADMIN);

        browser.go("/queue.html");
        assertThat(browser.text("#queue")).contains("BF-902", "In Progress");
        browser.go("/drift.html");
        assertThat(browser.text(".drift-list")).contains("BF-902",
                "status done while the lane is In Progress. Resolved by request-review");
        browser.screenshot("drift");
    }

    @Test
    void atTwoHundredPercentZoomTheItemPageReflowsWithoutSidewaysScrolling() {
        browser.signIn(TestTokens.ADMIN);
        browser.resize(640, 1000);
        try {
            browser.go("/item.html?id=" + SEED);
            browser.waitForText("#lane", "Done");
            Object overflow = browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).longValue()).isLessThanOrEqualTo(0);
            browser.screenshot("item-page-narrow");
        } finally {
            browser.resize(1280, 1400);
        }
    }

    @Test
    void everyPageIsServedWithItsContentSecurityPolicyAndWithoutAToken() {
        for (String path : List.of("/", "/item.html", "/js/item.js", "/css/control-plane.css")) {
            Api.Response page = api.get(path, null).send();
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Security-Policy")).as(path)
                    .isEqualTo(PageHeadersFilter.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "connect-src 'self'").doesNotContain("unsafe");
            assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        assertThat(api.get("/api/control-plane/board", null).send().status()).isEqualTo(401);
    }

    @Test
    void theTokenStaysInThisTabOnly() {
        browser.signIn(TestTokens.ADMIN);
        browser.go("/item.html?id=" + SEED);
        browser.waitForText("#lane", "Done");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(TestTokens.ADMIN);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return sessionStorage.getItem('control-plane.token')")).isEqualTo(TestTokens.ADMIN);

        browser.find("#sign-out").click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/index.html"));
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
        browser.go("/board.html");
        browser.waitUntil(d -> d.getCurrentUrl().contains("/index.html?next="));
    }

    private static List<String> gateLines(String action) {
        return browser.driver().findElements(By.cssSelector(action + " .gates li")).stream()
                .map(WebElement::getText).toList();
    }
}
