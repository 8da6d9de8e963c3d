package health.sihha.hie.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a README section's {@code sh} blocks as written, in one {@code bash}, after the README's token block (its
 * {@code alias curl=...} block): only the demo's addresses are replaced by the test's servers', and {@code curl}
 * fails on an HTTP error with the server's answer, so a refused request fails the walk-through (a block's
 * {@code command curl} bypasses that, as it bypasses the README's alias).
 */
public final class ReadmeWalkThrough {

  private static final Duration TIME_LIMIT = Duration.ofMinutes(3);

  private final ReadmeSections readme;
  private final Map<String, String> addresses;

  /** {@code addresses}: each demo address (such as {@code http://127.0.0.1:8081}) and what it becomes here. */
  public ReadmeWalkThrough(ReadmeSections readme, Map<String, String> addresses) {
    this.readme = readme;
    this.addresses = Map.copyOf(addresses);
  }

  /**
   * Runs the blocks under {@code heading} in {@code folder} (its working directory); what they printed, or an
   * {@link AssertionError} with that output when the script fails or outlives its time limit.
   */
  public String run(String heading, Path folder) throws IOException, InterruptedException {
    String script = "set -euo pipefail\n"
        + readme.shellBlockWith("alias curl=")
        // what the README's alias does, and a refused request fails the script with the server's answer
        + "curl() { command curl --fail-with-body --show-error -H \"Authorization: Bearer $TOKEN\" \"$@\"; }\n"
        + String.join("", readme.shellBlocks(heading));
    for (Map.Entry<String, String> address : addresses.entrySet()) {
      script = script.replace(address.getKey(), address.getValue());
    }
    // to a file, not a pipe: a long answer would fill the pipe and stall the script
    Path output = Files.createTempFile("readme-walk-through", ".out");
    try {
      Process bash = new ProcessBuilder("bash", "-c", script).directory(folder.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      boolean ended = bash.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (!ended) {
        bash.destroyForcibly().waitFor();
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      if (!ended || bash.exitValue() != 0) {
        throw new AssertionError("the '" + heading + "' walk-through " + (ended ? "ended with exit code "
            + bash.exitValue() : "did not end within " + TIME_LIMIT.toMinutes() + " minutes") + ":\n" + printed);
      }
      return printed;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
