package health.sihha.hie.interceptors.ledger.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Every resource of real Synthea bundles (the shared data folder; skipped, with a message, only when no shared folder
 * exists): the resource and its JSON, compact or pretty, have one canonical form, which is a fixed point.
 */
class SyntheaCanonicalTest {

  private static final List<Path> SHARED = List.of(
      Path.of("/work/shared"), Path.of("..", "shared"), Path.of("..", "..", "shared"));

  @Test
  void everyResourceOfTwoPatientsHasOneCanonicalForm() throws IOException {
    Optional<Path> shared = SHARED.stream().filter(Files::isDirectory).findFirst();
    assumeTrue(shared.isPresent(), "skipped: no shared data folder (/work/shared or ../shared)");
    Path modern = shared.get().resolve("data").resolve("synthea-r4-modern");
    List<Path> patients;
    try (Stream<Path> files = Files.list(modern)) {
      patients = files.filter(f -> f.getFileName().toString().matches("[A-Z][a-z]+\\d+_.*\\.json")).sorted()
          .toList();
    }
    assertThat(patients).hasSize(2);

    FhirContext fhir = FhirContext.forR4Cached();
    IParser compact = fhir.newJsonParser();
    IParser pretty = fhir.newJsonParser().setPrettyPrint(true);
    ResourceCanonicalizer canonicalizer = ResourceCanonicalizer.r4("http://localhost:8081/fhir");
    int resources = 0;
    for (Path file : patients) {
      Bundle bundle = (Bundle) compact.parseResource(Files.readString(file));
      for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
        Resource resource = entry.getResource();
        String canonical = canonicalizer.canonicalJson(resource);
        assertThat(canonicalizer.canonicalJson(compact.encodeResourceToString(resource))).isEqualTo(canonical);
        assertThat(canonicalizer.canonicalJson(pretty.encodeResourceToString(resource))).isEqualTo(canonical);
        assertThat(canonicalizer.canonicalJson(canonical)).isEqualTo(canonical);
        assertThat(canonical).doesNotContain("\"text\":{\"div\"", "\n");
        resources++;
      }
    }
    assertThat(resources).isGreaterThan(500);
  }
}
