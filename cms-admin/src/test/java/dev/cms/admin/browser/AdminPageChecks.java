package dev.cms.admin.browser;

import dev.cms.web.quality.HeadlessChromium;
import dev.cms.web.quality.NuHtmlChecker;
import dev.cms.web.quality.QualityTools;
import io.micronaut.json.JsonMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Admin pages as a signed-in editor's Chromium gets them, checked as the public pages are: each
 * page's HTML exactly as the server sent it is saved for one Nu Html Checker run over them all,
 * and axe-core runs on the page the browser shows. The HTML is fetched from inside the page, so
 * it comes with the editor's session and, for a form's answer, with the fields the form sends.
 */
final class AdminPageChecks implements AutoCloseable {

    /** One checked page: what it is, where it came from, the status it was answered with. */
    record CheckedPage(String name, String path, int status, Path file) {

        @Override
        public String toString() {
            return name + " (" + path + ", " + status + ")";
        }
    }

    private final HeadlessChromium chromium;
    private final String base;
    private final String axe;
    private final Path dir;
    private final Map<String, CheckedPage> pages = new LinkedHashMap<>();
    private final List<String> axeProblems = new ArrayList<>();

    private AdminPageChecks(HeadlessChromium chromium, String base, String axe, Path dir) {
        this.chromium = chromium;
        this.base = base;
        this.axe = axe;
        this.dir = dir;
    }

    /** Starts Chromium; skips the test (or fails it under CMS_REQUIRE_QUALITY_TOOLS) without the tools. */
    static AdminPageChecks start(String base) throws IOException {
        QualityTools.vnuJar();
        String axe = Files.readString(QualityTools.axeScript());
        HeadlessChromium chromium = HeadlessChromium.start();
        return new AdminPageChecks(chromium, base.replaceAll("/$", ""), axe, Files.createTempDirectory("cms-admin-pages-"));
    }

    WebDriver driver() {
        return chromium.driver();
    }

    /** Opens the page in the browser and checks it. */
    CheckedPage get(String name, String path) throws IOException {
        driver().get(base + path);
        Map<?, ?> raw = (Map<?, ?>) js().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(location.href, {credentials: 'same-origin', headers: {Accept: 'text/html'}})
                  .then(r => r.text().then(text => done({status: r.status, html: text})))
                  .catch(e => done({status: -1, html: String(e)}));""");
        return check(name, path, raw);
    }

    /**
     * Presses the submit button (without the confirm dialog script asks first with, as a browser
     * without script does) and checks the page the server answers.
     */
    CheckedPage submit(String name, String buttonSelector) throws IOException {
        WebElement button = driver().findElement(By.cssSelector(buttonSelector));
        // The same form sent twice: once by fetch, for the bytes and status, then by the browser to show it.
        Map<?, ?> raw = (Map<?, ?>) js().executeAsyncScript("""
                const button = arguments[0], done = arguments[arguments.length - 1];
                const form = button.form;
                const data = new FormData(form, button);
                const body = form.enctype === 'multipart/form-data' ? data : new URLSearchParams(data);
                // A button's formAction is the page's own URL where it has no formaction attribute, and
                // form.action is the field named "action" where the form has one: read the attributes.
                const target = new URL(button.getAttribute('formaction') || form.getAttribute('action') || '',
                    location.href).href;
                fetch(target, {method: 'POST', body: body, credentials: 'same-origin', headers: {Accept: 'text/html'}})
                  .then(r => r.text().then(text => done({status: r.status, html: text, target: target})))
                  .catch(e => done({status: -1, html: String(e)}));""", button);
        String path = URI.create(String.valueOf(raw.get("target"))).getPath();
        WebElement html = driver().findElement(By.tagName("html"));
        js().executeScript("""
                const button = arguments[0], form = button.form;
                if (button.name) {
                  const field = document.createElement('input');
                  field.type = 'hidden';
                  field.name = button.name;
                  field.value = button.value;
                  form.append(field);
                }
                HTMLFormElement.prototype.submit.call(form);""", button);
        new WebDriverWait(driver(), Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(html));
        return check(name, path, raw);
    }

    private CheckedPage check(String name, String path, Map<?, ?> raw) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".html"), String.valueOf(raw.get("html")));
        CheckedPage page = new CheckedPage(name, path, ((Number) raw.get("status")).intValue(), file);
        pages.put(file.getFileName().toString(), page);
        shown(page.toString());
        return page;
    }

    /** Runs axe-core on what the browser shows now, such as a dialog a script opened over the page. */
    void shown(String what) {
        List<HeadlessChromium.Violation> violations = chromium.axe(axe).stream()
                .filter(HeadlessChromium.Violation::seriousOrCritical).toList();
        if (!violations.isEmpty()) {
            axeProblems.add("  page " + what + ":\n    " + violations.stream().map(Object::toString)
                    .collect(Collectors.joining("\n    ")));
        }
    }

    /** axe-core's serious and critical violations on the pages checked so far. */
    List<String> axeProblems() {
        return axeProblems;
    }

    /** The Nu Html Checker's errors in all pages checked so far, by page, in one run. */
    List<String> htmlErrors(JsonMapper json) throws IOException, InterruptedException {
        List<NuHtmlChecker.Message> errors = NuHtmlChecker.errors(json, QualityTools.vnuJar(),
                pages.values().stream().map(CheckedPage::file).toList());
        return errors.stream().collect(Collectors.groupingBy(NuHtmlChecker.Message::file, LinkedHashMap::new,
                        Collectors.toList()))
                .entrySet().stream()
                .map(e -> "  page " + pages.getOrDefault(e.getKey(), null) + ":\n    " + e.getValue().stream()
                        .map(Object::toString).collect(Collectors.joining("\n    ")))
                .toList();
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) driver();
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("WARNING: could not delete " + dir + ": " + e.getMessage());
            }
        }
    }
}
