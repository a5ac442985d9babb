package com.buildfactory.controlplane.application.pages;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measurement for docs/benchmarks.md, not a check: run with {@code -Dpages.bench=true}. Fills the store with
 * 10,000 items through the API (a quarter of them moved to Ready), then times how long the item page, the board and
 * the history take in Chromium from navigation start until the page has rendered its answer.
 */
@EnabledIfSystemProperty(named = "pages.bench", matches = "true")
class PageTimeMeasurementTest {

    private static final int ITEMS = Integer.getInteger("pages.bench.items", 10_000);
    private static final int LOADS = 7;

    @TempDir
    Path dataDir;

    @Test
    void pageTimesWithTenThousandItemsInTheStore() throws Exception {
        try (RunningService service = RunningService.start(dataDir, Map.of())) {
            Api api = service.api();
            long filling = System.nanoTime();
            fill(api);
            String last = "wi-BF-" + (1000 + ITEMS - 1);
            Scenario.awaitVersion(api, last, 0);
            Scenario.awaitRead(api, "/api/control-plane/board", ITEMS + " items on the board",
                    board -> board.get("count").asLong() >= ITEMS);
            System.out.printf("PAGES filled %d items in %.1f s%n", ITEMS, (System.nanoTime() - filling) / 1e9);
            Scenario.create(api, Items.seed());
            Scenario.act(api, "wi-BF-276", 200, "mark-ready", "start-execution", "request-review", "complete");
            Scenario.awaitVersion(api, "wi-BF-276", 4);
            try (Browser browser = Browser.open(service.port())) {
                browser.signIn(TestTokens.ADMIN);
                measure(browser, "item page", "/item.html?id=wi-BF-276", "#lane");
                measure(browser, "board", "/board.html", "#lane-backlog");
                measure(browser, "history", "/history.html?id=wi-BF-276", "#timeline");
                measure(browser, "drift list", "/drift.html", "#drift-count");
            }
        }
    }

    private static void fill(Api api) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            int number = 1000 + i;
            sent.add(pool.submit(() -> {
                String id = Scenario.create(api, Items.simple("BF-" + number));
                if (number % 4 == 0) {
                    Scenario.act(api, id, 200, "mark-ready");
                }
            }));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    /** Navigation start to the page's ready mark (after its answer is rendered); the first load and the median. */
    private static void measure(Browser browser, String name, String path, String shown) {
        double[] millis = new double[LOADS];
        for (int i = 0; i < LOADS; i++) {
            browser.go(path);
            browser.find(shown);
            millis[i] = ((Number) browser.script(
                    "return performance.getEntriesByName('control-plane:ready')[0].startTime")).doubleValue();
        }
        double first = millis[0];
        Arrays.sort(millis);
        System.out.printf("PAGES %-10s first %.0f ms, median of %d %.0f ms, slowest %.0f ms%n", name, first, LOADS,
                millis[LOADS / 2], millis[LOADS - 1]);
    }
}
