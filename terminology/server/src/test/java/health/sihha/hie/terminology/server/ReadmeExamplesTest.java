package health.sihha.hie.terminology.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.sihha.hie.readme.ReadmeSections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's terminology examples ("Autocomplete" and "Other operations"), run as written with {@code bash} against
 * this server, then checked on what each request answered. Only the demo's address is replaced, and {@code curl}
 * fails on an HTTP error. The server runs without security here (the README's token only adds a header; the token
 * rules are {@code TerminologySecurityIT}'s).
 */
class ReadmeExamplesTest extends TerminologyServerTest {

  private static final String DEMO_TERMINOLOGY = "http://127.0.0.1:8090/fhir";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void autocompleteFindsWordPrefixesAndCodes() throws Exception {
    List<JsonNode> answers = run("Autocomplete");

    assertThat(answers).hasSize(3);
    List<String> diabetes = displays(answers.get(0));
    assertThat(diabetes).hasSize(10).allSatisfy(display -> assertThat(display.toLowerCase(Locale.ROOT))
        .containsPattern("\\bdiab").containsPattern("\\bmel"));
    assertThat(answers.get(1).at("/expansion/contains/0/code").asText()).isEqualTo("E11.9");
    assertThat(displays(answers.get(2))).isNotEmpty().allSatisfy(display -> assertThat(
        display.toLowerCase(Locale.ROOT)).containsPattern("\\bhemo").containsPattern("\\bblood"));
  }

  @Test
  void lookupValidationSubsumptionAndTranslationAnswerAsTheReadmeSays() throws Exception {
    List<JsonNode> answers = run("Other operations");

    assertThat(answers).hasSize(6);
    assertThat(parameter(answers.get(0), "display").path("valueString").asText())
        .isEqualTo("Type 2 diabetes mellitus without complications");
    assertThat(parameter(answers.get(1), "result").path("valueBoolean").asBoolean()).isTrue();
    assertThat(parameter(answers.get(2), "result").path("valueBoolean").asBoolean()).as("a UCUM expression").isTrue();
    assertThat(parameter(answers.get(3), "result").path("valueBoolean").asBoolean()).as("E11.65 is-a E11").isTrue();
    assertThat(parameter(answers.get(4), "outcome").path("valueCode").asText()).isEqualTo("subsumes");
    assertThat(parameter(answers.get(5), "result").path("valueBoolean").asBoolean()).as("NDC translated").isTrue();
    assertThat(answers.get(5).toString()).contains("http://www.nlm.nih.gov/research/umls/rxnorm");
  }

  /** The section's blocks in one shell on this server; each request's JSON answer, in order. */
  private List<JsonNode> run(String heading) throws IOException, InterruptedException {
    ReadmeSections readme = new ReadmeSections(Path.of(System.getProperty("sihha.readme")));
    String script = "set -euo pipefail\n"
        + "curl() { command curl --fail-with-body --show-error \"$@\"; echo; }\n"
        + String.join("", readme.shellBlocks(heading)).replace(DEMO_TERMINOLOGY, base());
    // curl -s writes nothing on stderr unless a request fails, and then the script stops
    Path outputFile = Files.createTempFile("readme-" + heading.replace(' ', '-'), ".out");
    Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
        .redirectOutput(outputFile.toFile()).start();
    boolean ended = bash.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      bash.destroyForcibly();
    }
    byte[] output = Files.readAllBytes(outputFile);
    Files.delete(outputFile);
    assertThat(ended).as("the '%s' examples ended within 2 minutes", heading).isTrue();
    assertThat(bash.exitValue()).as("the '%s' examples' exit code:%n%s", heading,
        new String(output, StandardCharsets.UTF_8)).isZero();
    List<JsonNode> answers = new ArrayList<>();
    JSON.readerFor(JsonNode.class).readValues(output).forEachRemaining(answer -> answers.add((JsonNode) answer));
    return answers;
  }

  private static List<String> displays(JsonNode expansion) {
    List<String> displays = new ArrayList<>();
    expansion.at("/expansion/contains").forEach(concept -> displays.add(concept.path("display").asText()));
    return displays;
  }

  private static JsonNode parameter(JsonNode parameters, String name) {
    for (JsonNode parameter : parameters.path("parameter")) {
      if (name.equals(parameter.path("name").asText())) {
        return parameter;
      }
    }
    throw new AssertionError("no parameter '" + name + "' in " + parameters);
  }
}
