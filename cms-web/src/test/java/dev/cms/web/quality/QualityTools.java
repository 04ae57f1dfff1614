package dev.cms.web.quality;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the tools the quality tests run: the Nu Html Checker and axe-core from npm (installed
 * under src/test/quality by {@code npm ci}) and Debian's Chromium with its chromedriver. Where one
 * is missing, the test that needs it is skipped with a message saying so, unless
 * CMS_REQUIRE_QUALITY_TOOLS=true (CI), where it fails.
 */
public final class QualityTools {

    private static final String NPM_INSTALL = "run npm ci --prefix cms-web/src/test/quality";
    private static final String APT_INSTALL = "run apt-get install -y chromium chromium-driver";
    // Surefire runs with the module as working directory and also sets basedir to it. The tools are
    // installed once, in cms-web; the other modules' quality tests (cms-admin's) use that install.
    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();
    private static final Path NODE_MODULES = (Files.isDirectory(MODULE.resolve("src/test/quality"))
            ? MODULE : MODULE.resolveSibling("cms-web")).resolve("src/test/quality/node_modules");

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private QualityTools() {
    }

    /** vnu.jar from the npm package vnu-jar. */
    public static Path vnuJar() {
        return require(NODE_MODULES.resolve("vnu-jar/build/dist/vnu.jar"), "Nu Html Checker (vnu-jar)",
                "HTML/accessibility checks skipped", NPM_INSTALL);
    }

    /** axe.min.js from the npm package axe-core. */
    public static Path axeScript() {
        return require(NODE_MODULES.resolve("axe-core/axe.min.js"), "axe-core",
                "HTML/accessibility checks skipped", NPM_INSTALL);
    }

    static Path chromium() {
        return require(CHROMIUM, "Chromium", "browser and accessibility checks skipped", APT_INSTALL);
    }

    static Path chromedriver() {
        return require(CHROMEDRIVER, "chromedriver", "browser and accessibility checks skipped", APT_INSTALL);
    }

    private static Path require(Path file, String tool, String consequence, String install) {
        if (Files.isRegularFile(file) && Files.isReadable(file)) {
            return file;
        }
        String message = tool + " not installed (" + file + "): " + consequence + "; " + install;
        if (Boolean.parseBoolean(System.getenv("CMS_REQUIRE_QUALITY_TOOLS"))) {
            throw new IllegalStateException(message.replace(consequence, "required by CMS_REQUIRE_QUALITY_TOOLS"));
        }
        System.err.println("WARNING: " + message);
        Assumptions.abort(message);
        return file;
    }
}
