package health.sihha.hie.ig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.ClasspathUtil;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;

class SihhaIgPackageTest {

  private static final List<String> PROFILES = List.of(Profiles.PATIENT, Profiles.PRACTITIONER,
      Profiles.PRACTITIONER_ROLE, Profiles.LOCATION_WARD, Profiles.LOCATION_ROOM, Profiles.LOCATION_BED,
      Profiles.ENCOUNTER_VISIT, Profiles.ENCOUNTER_HOSPITALIZATION, Profiles.OBSERVATION_LAB,
      Profiles.DIAGNOSTIC_REPORT_LAB, Profiles.MEDICATION, Profiles.MEDICATION_REQUEST,
      Profiles.MEDICATION_DISPENSE, Profiles.SUPPLY_DELIVERY);

  private final FhirContext fhirContext = FhirContext.forR4Cached();

  @Test
  void everyProfileLoadsFromTheClasspathWithASnapshot() {
    NpmPackageValidationSupport support = SihhaIg.validationSupport(fhirContext);

    for (String url : PROFILES) {
      StructureDefinition profile = (StructureDefinition) support.fetchStructureDefinition(url);
      assertThat(profile).as(url).isNotNull();
      assertThat(profile.getSnapshot().getElement()).as(url).isNotEmpty();
      assertThat(profile.getDerivation()).isEqualTo(StructureDefinition.TypeDerivationRule.CONSTRAINT);
    }
    StructureDefinition reorderLevel =
        (StructureDefinition) support.fetchStructureDefinition(Profiles.REORDER_LEVEL_EXTENSION);
    assertThat(reorderLevel.getSnapshot().getElement()).isNotEmpty();
  }

  @Test
  void capabilityStatementsLoadFromThePackage() {
    CapabilityStatement provider = SihhaIg.capabilityStatement(fhirContext, "sihha-provider");

    assertThat(provider.getUrl()).isEqualTo(SihhaIg.CANONICAL + "/CapabilityStatement/sihha-provider");
    assertThat(provider.getRestFirstRep().getResource()).anySatisfy(r -> {
      assertThat(r.getType()).isEqualTo("Patient");
      assertThat(r.getSupportedProfile()).extracting(CanonicalType::getValue).contains(Profiles.PATIENT);
    });
    assertThat(SihhaIg.capabilityStatement(fhirContext, "sihha-ministry").getKind())
        .isEqualTo(CapabilityStatement.CapabilityStatementKind.REQUIREMENTS);
    assertThatThrownBy(() -> SihhaIg.capabilityStatement(fhirContext, "sihha-nobody"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void terminologyLoadsFromThePackage() {
    NpmPackageValidationSupport support = SihhaIg.validationSupport(fhirContext);

    CodeSystem rangeTypes = (CodeSystem) support.fetchCodeSystem(
        SihhaIg.CANONICAL + "/CodeSystem/reference-range-type");
    CodeSystem stockFlags = (CodeSystem) support.fetchCodeSystem(SihhaIg.CANONICAL + "/CodeSystem/stock-flag");
    assertThat(rangeTypes.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
        .containsExactly("critical");
    assertThat(stockFlags.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
        .containsExactly("low-stock", "near-expiry", "expired");
    for (String id : List.of("sihha-icd10cm-diagnoses", "sihha-loinc-lab-tests", "sihha-ucum-units",
        "sihha-rxnorm-medicines", "sihha-encounter-visit-class")) {
      assertThat((ValueSet) support.fetchValueSet(SihhaIg.CANONICAL + "/ValueSet/" + id)).as(id).isNotNull();
    }
  }

  @Test
  void packageManifestNamesTheIgAndItsCoreDependency() throws IOException {
    try (InputStream tgz = ClasspathUtil.loadResourceAsStream(SihhaIg.PACKAGE_CLASSPATH)) {
      NpmPackage npm = NpmPackage.fromPackage(tgz);

      assertThat(npm.name()).isEqualTo(SihhaIg.PACKAGE_ID);
      assertThat(npm.version()).isEqualTo(SihhaIg.PACKAGE_VERSION);
      assertThat(npm.canonical()).isEqualTo(SihhaIg.CANONICAL);
      assertThat(npm.fhirVersion()).isEqualTo("4.0.1");
      assertThat(npm.dependencies()).containsExactly("hl7.fhir.r4.core#4.0.1");
      assertThat(npm.listResources("CapabilityStatement"))
          .containsExactlyInAnyOrder("CapabilityStatement-sihha-provider.json",
              "CapabilityStatement-sihha-ministry.json");
      assertThat(npm.getFolders().get("example").listFiles()).contains("Patient-example-patient.json");
    }
  }
}
