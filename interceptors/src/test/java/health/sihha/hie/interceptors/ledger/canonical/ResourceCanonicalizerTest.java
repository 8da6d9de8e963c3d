package health.sihha.hie.interceptors.ledger.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

class ResourceCanonicalizerTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private final ResourceCanonicalizer canonicalizer = ResourceCanonicalizer.r4(KnownResources.BASE);

  @Test
  void knownResourcesHaveKnownCanonicalForms() {
    assertThat(canonicalizer.canonicalJson(KnownResources.OBSERVATION))
        .isEqualTo(KnownResources.OBSERVATION_CANONICAL);
    assertThat(canonicalizer.canonicalJson(KnownResources.PATIENT)).isEqualTo(KnownResources.PATIENT_CANONICAL);
  }

  @Test
  void aResourceAndItsJsonHaveTheSameCanonicalForm() {
    Observation observation = observation();
    String json = FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(observation);
    assertThat(canonicalizer.canonicalJson(observation)).isEqualTo(canonicalizer.canonicalJson(json))
        .isEqualTo(KnownResources.OBSERVATION_CANONICAL);
  }

  @Test
  void decimalsKeepTheirPrecision() {
    String written = KnownResources.OBSERVATION.replace("13.50", "13.5");
    assertThat(canonicalizer.canonicalJson(written)).contains("\"value\":13.5}")
        .isNotEqualTo(KnownResources.OBSERVATION_CANONICAL);

    Observation precise = observation();
    precise.getValueQuantity().setValue(new BigDecimal("13.500"));
    assertThat(canonicalizer.canonicalJson(precise)).contains("\"value\":13.500}");
  }

  @Test
  void memberOrderAndWhitespaceDoNotMatter() {
    String reordered = """
        {"valueQuantity":{"code":"g/dL","system":"http://unitsofmeasure.org","value":13.50,"unit":"g/dL"},
         "subject":{"display":"أمينة حداد","reference":"Patient/p-1"},"status":"final",
         "effectiveDateTime":"2026-11-30T09:00:00+03:00","resourceType":"Observation",
         "code":{"coding":[{"display":"Hemoglobin [Mass/volume] in Blood","code":"718-7","system":"http://loinc.org"}]},
         "meta":{"tag":[{"code":"lab","system":"http://sihha.health/fhir/tags"}]}}
        """;
    assertThat(canonicalizer.canonicalJson(reordered)).isEqualTo(KnownResources.OBSERVATION_CANONICAL);
  }

  @Test
  void whereTheServerKeepsAVersionDoesNotMatter() {
    Observation other = observation();
    other.setId("Observation/another-id/_history/9");
    other.getMeta().setVersionId("9").setLastUpdated(new Date(0)).setSource("http://elsewhere#x");
    other.getText().setStatus(Narrative.NarrativeStatus.ADDITIONAL);
    other.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">something else</div>");
    assertThat(canonicalizer.canonicalJson(other)).isEqualTo(KnownResources.OBSERVATION_CANONICAL);

    Observation bare = observation();
    bare.setIdElement(null);
    bare.setText(null);
    bare.getMeta().setVersionIdElement(null).setLastUpdatedElement(null).setSourceElement(null);
    assertThat(canonicalizer.canonicalJson(bare)).isEqualTo(KnownResources.OBSERVATION_CANONICAL);
  }

  @Test
  void tagsAndSecurityLabelsMatterButNotTheirOrder() {
    Observation retagged = observation();
    retagged.getMeta().getTagFirstRep().setCode("imaging");
    assertThat(canonicalizer.canonicalJson(retagged)).isNotEqualTo(KnownResources.OBSERVATION_CANONICAL);

    Observation labelled = observation();
    labelled.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", null);
    assertThat(canonicalizer.canonicalJson(labelled)).isNotEqualTo(KnownResources.OBSERVATION_CANONICAL)
        .contains("\"security\":[{\"code\":\"R\"");

    Observation twoTags = observation();
    twoTags.getMeta().addTag("http://sihha.health/fhir/tags", "aaa", null);
    Observation twoTagsReversed = observation();
    twoTagsReversed.getMeta().setTag(List.of(new Coding("http://sihha.health/fhir/tags", "aaa", null),
        new Coding("http://sihha.health/fhir/tags", "lab", null)));
    assertThat(canonicalizer.canonicalJson(twoTags)).isEqualTo(canonicalizer.canonicalJson(twoTagsReversed));
  }

  @Test
  void arrayOrderMattersElsewhere() {
    String swapped = KnownResources.PATIENT.replace("\"Amina\", \"Leila\"", "\"Leila\", \"Amina\"");
    assertThat(canonicalizer.canonicalJson(swapped)).isNotEqualTo(KnownResources.PATIENT_CANONICAL)
        .contains("\"given\":[\"Leila\",\"Amina\"]");
  }

  @Test
  void referencesAreNormalised() {
    assertThat(canonicalizer.normaliseReference(KnownResources.BASE + "/Patient/p-1")).isEqualTo("Patient/p-1");
    assertThat(canonicalizer.normaliseReference(KnownResources.BASE + "/Patient/p-1/_history/4"))
        .isEqualTo("Patient/p-1");
    assertThat(canonicalizer.normaliseReference("Patient/p-1/_history/4")).isEqualTo("Patient/p-1");
    assertThat(canonicalizer.normaliseReference("https://other.example/fhir/Patient/x/_history/1"))
        .isEqualTo("https://other.example/fhir/Patient/x");
    assertThat(canonicalizer.normaliseReference(KnownResources.BASE + "x/Patient/p-1"))
        .isEqualTo(KnownResources.BASE + "x/Patient/p-1");
    assertThat(canonicalizer.normaliseReference("#org1")).isEqualTo("#org1");
    assertThat(canonicalizer.normaliseReference("urn:uuid:9f3c/_history/1")).isEqualTo("urn:uuid:9f3c/_history/1");
    assertThat(canonicalizer.normaliseReference("Patient?identifier=a|b")).isEqualTo("Patient?identifier=a|b");
    assertThat(ResourceCanonicalizer.r4(KnownResources.BASE + "/").normaliseReference(KnownResources.BASE
        + "/Patient/p-1")).isEqualTo("Patient/p-1");

    // the same content referred to absolutely, versioned or relatively is the same version
    String relative = KnownResources.PATIENT.replace(KnownResources.BASE + "/", "").replaceAll("/_history/\\d", "");
    assertThat(canonicalizer.canonicalJson(relative)).isEqualTo(KnownResources.PATIENT_CANONICAL);
  }

  @Test
  void theResourceGivenIsNotChanged() {
    Patient patient = (Patient) FHIR.newJsonParser().parseResource(KnownResources.PATIENT);
    String before = FHIR.newJsonParser().encodeResourceToString(patient);
    canonicalizer.canonicalJson(patient);
    assertThat(FHIR.newJsonParser().encodeResourceToString(patient)).isEqualTo(before);
    assertThat(patient.getGeneralPractitionerFirstRep().getReference()).endsWith("/_history/1");
  }

  @Test
  void referencesToUnsavedInMemoryResourcesAreRefused() {
    Observation observation = observation();
    Patient unsaved = new Patient();
    unsaved.addGeneralPractitioner().setReference(KnownResources.BASE + "/Practitioner/x/_history/1");
    observation.getSubject().setReference(null).setResource(unsaved);
    assertThatThrownBy(() -> canonicalizer.canonicalJson(observation)).hasMessageStartingWith("SIHHA-1457: ");
    assertThat(unsaved.getGeneralPractitionerFirstRep().getReference()).endsWith("/_history/1");
  }

  @Test
  void theCanonicalFormIsAFixedPoint() {
    String once = canonicalizer.canonicalJson(KnownResources.PATIENT);
    assertThat(canonicalizer.canonicalJson(once)).isEqualTo(once);
  }

  @Test
  void unknownElementsAreRefusedNotDropped() {
    String extra = KnownResources.OBSERVATION.replace("\"status\": \"final\",", "\"status\": \"final\", \"x\": 1,");
    assertThatThrownBy(() -> canonicalizer.canonicalJson(extra)).isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("SIHHA-1454: ");
    assertThatThrownBy(() -> canonicalizer.canonicalJson("[1]")).hasMessageStartingWith("SIHHA-1454: ");
  }

  static Observation observation() {
    Observation observation = new Observation();
    observation.setId("hb-1");
    observation.getMeta().setVersionId("3").addTag("http://sihha.health/fhir/tags", "lab", null);
    observation.getText().setStatus(Narrative.NarrativeStatus.GENERATED);
    observation.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Hb 13.50 g/dL</div>");
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding(new Coding("http://loinc.org", "718-7", "Hemoglobin [Mass/volume] in Blood"));
    observation.getSubject().setReference(KnownResources.BASE + "/Patient/p-1/_history/2").setDisplay("أمينة حداد");
    observation.getEffectiveDateTimeType().setValueAsString("2026-11-30T09:00:00+03:00");
    observation.setValue(new Quantity().setValue(new BigDecimal("13.50")).setUnit("g/dL")
        .setSystem("http://unitsofmeasure.org").setCode("g/dL"));
    return observation;
  }
}
