package dev.cms.web.quality;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven by its own chromedriver (Selenium Manager cannot download
 * drivers here), with a fresh profile that is deleted on close. Can run axe-core on the open page.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser; skips (or, in CI, fails) the calling test when it is not installed. */
    public static HeadlessChromium start() throws IOException {
        Path chromium = QualityTools.chromium();
        Path chromedriver = QualityTools.chromedriver();
        Path profile = Files.createTempDirectory("cms-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(driver, profile);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Lays pages out as a phone does until {@link #stopEmulating()}: a viewport {@code width} CSS
     * pixels wide that honours the page's viewport meta tag, at a phone's pixel density. Resizing
     * the window instead would not do: desktop Chromium keeps windows wider than a phone.
     */
    public void emulatePhone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 3, "mobile", true));
    }

    public void stopEmulating() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** A violation axe-core reports, with the elements it concerns. */
    public record Violation(String rule, String impact, String help, String helpUrl, List<String> nodes) {

        public boolean seriousOrCritical() {
            return "serious".equals(impact) || "critical".equals(impact);
        }

        @Override
        public String toString() {
            return rule + " (" + impact + "): " + help + " <" + helpUrl + ">\n      "
                    + String.join("\n      ", nodes);
        }
    }

    /** Injects axe-core into the open page, runs all its rules and returns the violations. */
    @SuppressWarnings("unchecked")
    public List<Violation> axe(String axeSource) {
        driver.executeScript(axeSource);
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done(r.violations.map(v => ({
                    rule: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => n.target.flat().join(' ') + '  ' + n.html
                        + (n.failureSummary ? '  -- ' + n.failureSummary.replace(/\\s+/g, ' ') : ''))
                  }))))
                  .catch(e => done('axe.run failed: ' + e));""");
        if (!(result instanceof List<?> list)) {
            throw new IllegalStateException(String.valueOf(result));
        }
        return list.stream().map(v -> (Map<String, Object>) v).map(v -> new Violation(
                (String) v.get("rule"), (String) v.get("impact"), (String) v.get("help"), (String) v.get("helpUrl"),
                ((List<Object>) v.get("nodes")).stream().map(String::valueOf).toList())).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("WARNING: could not delete browser profile " + dir + ": " + e.getMessage());
        }
    }
}
