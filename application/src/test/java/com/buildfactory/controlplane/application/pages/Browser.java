package com.buildfactory.controlplane.application.pages;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven through its chromedriver, against the service on a local port.
 *
 * <p>CI installs both (scripts/install-ci-tools.sh), so a missing browser fails the build. A developer without
 * them may skip the browser tests with {@code -Dcontrol-plane.browser-tests=skip}.
 */
public final class Browser implements AutoCloseable {

    public static final String SKIP_PROPERTY = "control-plane.browser-tests";
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final Path CHROMIUM = firstExecutable(System.getProperty("chromium.binary"), "/usr/bin/chromium",
            "/usr/bin/google-chrome");
    private static final Path CHROMEDRIVER = firstExecutable(System.getProperty("chromedriver.binary"),
            "/usr/bin/chromedriver", System.getenv("CHROMEWEBDRIVER") + "/chromedriver");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    public static Browser open(int port) {
        Assumptions.assumeFalse("skip".equals(System.getProperty(SKIP_PROPERTY)),
                "browser tests skipped by -D" + SKIP_PROPERTY + "=skip");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("Chromium (" + CHROMIUM + ") and chromedriver (" + CHROMEDRIVER + ") are needed:"
                    + " run scripts/install-ci-tools.sh, or skip these tests with -D" + SKIP_PROPERTY + "=skip");
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1400");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), "http://127.0.0.1:" + port, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Debian's chromium and its driver; on GitHub's Ubuntu runners, Google Chrome and the driver they ship. */
    private static Path firstExecutable(String... candidates) {
        Path first = null;
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            Path path = Paths.get(candidate);
            first = first == null ? path : first;
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return first;
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(baseUrl + path);
        waitUntil(d -> "true".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.ready")));
    }

    /** Signs in through the sign-in page, as a person pastes a token. */
    public void signIn(String token) {
        driver.get(baseUrl + "/index.html");
        script("sessionStorage.clear()");
        go("/index.html?next=" + "/board.html");
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        waitUntil(ExpectedConditions.urlToBe(baseUrl + "/board.html"));
        waitUntil(d -> "true".equals(script("return document.body.dataset.ready")));
    }

    public WebElement find(String css) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public void waitForText(String css, String expected) {
        waitUntil(ExpectedConditions.textToBe(By.cssSelector(css), expected));
    }

    /** Waits for a condition; when it never holds, the failure shows what the page said and keeps a screenshot. */
    public <T> T waitUntil(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
        } catch (TimeoutException e) {
            Path shot = screenshot("failed-" + System.currentTimeMillis());
            String page = driver.findElements(By.tagName("main")).stream().map(WebElement::getText).findFirst()
                    .orElse("(no main element)");
            throw new AssertionError("The page at " + driver.getCurrentUrl() + " never met the condition (screenshot "
                    + shot + "). It showed:\n" + page, e);
        }
    }

    public Object script(String code, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(code, args);
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the whole page, not only the window, under target/screenshots: the test's artifact. */
    public Path screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long frame = ((Number) script("return window.outerHeight - window.innerHeight")).longValue();
        long page = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        resize(window.getWidth(), (int) Math.max(window.getHeight(), page + frame));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            resize(window.getWidth(), window.getHeight());
        }
    }

    /**
     * Script errors and Content-Security-Policy refusals logged since the last call. Failed requests are left out:
     * a 409 or 412 the page explains is logged by Chromium too.
     */
    public List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
