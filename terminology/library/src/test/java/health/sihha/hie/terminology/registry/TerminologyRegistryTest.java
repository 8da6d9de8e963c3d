package health.sihha.hie.terminology.registry;

import static health.sihha.hie.terminology.Fixtures.ICD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.terminology.Fixtures;
import health.sihha.hie.terminology.index.ConceptIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminologyRegistryTest {

  @TempDir Path dir;

  @Test
  void contentSurvivesAReopen() {
    TerminologyRegistry first = open();
    MetadataResource stored = first.put(Fixtures.icdSlice("2021"));
    assertThat(stored.getIdElement().getIdPart()).isEqualTo("icd10cm-2021");
    assertThat(stored.getMeta().getVersionId()).isEqualTo("1");

    ConceptIndex reopened = open().snapshot().codeSystem(ICD, "2021").orElseThrow();
    assertThat(reopened.size()).isEqualTo(12);
    assertThat(reopened.display(reopened.find("I10").orElseThrow())).isEqualTo("Essential (primary) hypertension");
  }

  @Test
  void sameUrlAndVersionReplacesAndCountsVersions() {
    TerminologyRegistry registry = open();
    registry.put(Fixtures.icdSlice("2021"));
    MetadataResource again = registry.put(Fixtures.icdSlice("2021"));
    assertThat(again.getMeta().getVersionId()).isEqualTo("2");
    assertThat(registry.snapshot().summaries(ResourceType.CodeSystem)).hasSize(1);
  }

  @Test
  void theGreatestVersionIsTheDefault() {
    TerminologyRegistry registry = open();
    registry.put(Fixtures.icdSlice("2022"));
    registry.put(Fixtures.icdSlice("2021"));
    assertThat(registry.snapshot().codeSystem(ICD, null).orElseThrow().version()).isEqualTo("2022");
    assertThat(registry.snapshot().codeSystem(ICD + "|2021", null).orElseThrow().version()).isEqualTo("2021");
  }

  @Test
  void aRefusedResourceLeavesTheStoreAsItWas() throws Exception {
    TerminologyRegistry registry = open();
    registry.put(Fixtures.icdSlice("2021"));
    TerminologySnapshot before = registry.snapshot();
    CodeSystem noUrl = Fixtures.icdSlice("2022").setUrl(null);
    assertThatThrownBy(() -> registry.put(noUrl)).isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("url is required");
    assertThat(registry.snapshot()).isSameAs(before);
    try (var files = Files.list(dir.resolve("CodeSystem"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("icd10cm-2021.json.gz");
    }
  }

  @Test
  void supplementsAddSearchableDesignations() {
    TerminologyRegistry registry = open();
    registry.put(Fixtures.icdSlice("2021"));
    CodeSystem french = new CodeSystem().setUrl("http://example.org/icd-fr").setVersion("1")
        .setStatus(PublicationStatus.ACTIVE).setContent(CodeSystemContentMode.SUPPLEMENT).setSupplements(ICD);
    french.addConcept().setCode("I10").addDesignation().setLanguage("fr").setValue("Hypertension essentielle");
    registry.put(french);
    ConceptIndex icd = registry.snapshot().codeSystem(ICD, null).orElseThrow();
    assertThat(icd.search("hypert essent", c -> true, true, 5, "fr").hits()).extracting(m -> icd.code(m.concept()))
        .containsExactly("I10");
    assertThat(icd.display(icd.find("I10").orElseThrow(), "fr")).isEqualTo("Hypertension essentielle");

    registry.delete(ResourceType.CodeSystem, registry.snapshot().summaries(ResourceType.CodeSystem).stream()
        .filter(r -> r.getUrl().equals("http://example.org/icd-fr")).findFirst().orElseThrow().getIdElement()
        .getIdPart());
    ConceptIndex without = registry.snapshot().codeSystem(ICD, null).orElseThrow();
    assertThat(without.display(without.find("I10").orElseThrow(), "fr")).isEqualTo("Essential (primary) hypertension");
  }

  private TerminologyRegistry open() {
    return TerminologyRegistry.open(FhirContext.forR4Cached(), dir);
  }
}
