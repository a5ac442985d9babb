package com.buildfactory.controlplane.application.pages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' files keep to what the Content-Security-Policy allows and what the token needs: no inline script, style
 * or handler, nothing loaded from another host, no token in storage that outlives the tab.
 */
class PageFilesTest {

    private static final Path STATIC = Paths.get("src", "main", "resources", "static");

    @Test
    void noPageHasInlineScriptStyleOrEventHandlers() throws IOException {
        List<Path> pages = files(".html");
        assertThat(pages).extracting(p -> p.getFileName().toString())
                .contains("index.html", "item.html", "history.html", "board.html", "queue.html", "drift.html",
                        "backups.html");
        for (Path page : pages) {
            String html = Files.readString(page);
            assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).as(page + " inline script")
                    .isFalse();
            assertThat(html).as(page.toString()).doesNotContainPattern("\\son[a-z]+=").doesNotContain("style=")
                    .doesNotContain("<style");
        }
    }

    @Test
    void nothingIsLoadedFromAnotherHostAndTheTokenIsNeverPutInLongLivedStorage() throws IOException {
        for (Path file : files("")) {
            if (file.toString().endsWith(".png")) {
                continue;
            }
            String text = Files.readString(file);
            assertThat(text).as(file.toString()).doesNotContainPattern("(src|href)=\"(https?:)?//")
                    .doesNotContain("@import").doesNotContain("localStorage").doesNotContain("document.cookie")
                    .doesNotContain("innerHTML").doesNotContain("eval(");
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(STATIC)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
