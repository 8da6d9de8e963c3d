package health.sihha.hie.provider.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code src/test/smart-app/run.mjs}: node with playwright-core, driving Debian's chromium (never a browser
 * that a package downloads). Without node, chromium or the app's {@code npm ci}, the test is skipped, unless the
 * environment sets {@value #REQUIRED_ENV} (CI does), in which case it fails.
 */
final class SmartBrowser {

  static final String REQUIRED_ENV = "SIHHA_REQUIRE_BROWSER";
  private static final long TIMEOUT_SECONDS = 120;

  private final Path appDir;
  private final Path log;

  private SmartBrowser(Path appDir, Path log) {
    this.appDir = appDir;
    this.log = log;
  }

  /** The browser, or the test aborted (or failed, in CI) saying what is missing. */
  static SmartBrowser require(Path appDir, Path log) {
    missing(appDir).ifPresent(reason -> {
      String message = "SMART browser test not run: " + reason;
      if (System.getenv(REQUIRED_ENV) != null) {
        Assertions.fail(message + " (" + REQUIRED_ENV + " is set)");
      }
      Assumptions.abort(message);
    });
    return new SmartBrowser(appDir, log);
  }

  private static Optional<String> missing(Path appDir) {
    if (!Files.isExecutable(chromium())) {
      return Optional.of("no chromium at " + chromium() + " (apt-get install chromium, or set CHROMIUM)");
    }
    if (!Files.isDirectory(appDir.resolve("node_modules/fhirclient"))
        || !Files.isDirectory(appDir.resolve("node_modules/playwright-core"))) {
      return Optional.of("no node_modules in " + appDir + " (npm ci there; the build does it when npm is installed)");
    }
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0 ? Optional.empty()
          : Optional.of("node --version failed");
    } catch (IOException e) {
      return Optional.of("no node on the PATH");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  private static Path chromium() {
    String configured = System.getenv("CHROMIUM");
    return Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
  }

  /**
   * Opens {@code launchUrl}, logs in as {@code user} (password = user name), picks {@code patient} if asked, and
   * returns what the app shows; the browser's console goes to the log.
   */
  String launch(String launchUrl, String user, String patient) throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    Path out = Files.createTempFile(log.getParent(), "smart-client", ".json");
    Process node = new ProcessBuilder(List.of("node", "run.mjs", launchUrl, user, patient))
        .directory(appDir.toFile()).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      node.destroyForcibly().waitFor();
      Assertions.fail("the SMART app did not finish within " + TIMEOUT_SECONDS + " s, see " + log);
    }
    assertThat(node.exitValue()).as("node run.mjs failed, see %s", log).isZero();
    return Files.readString(out, StandardCharsets.UTF_8).trim();
  }
}
