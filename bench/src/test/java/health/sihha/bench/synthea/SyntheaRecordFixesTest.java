package health.sihha.bench.synthea;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.ig.NationalIdentifiers;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class SyntheaRecordFixesTest {

  private final FhirContext fhir = FhirContext.forR4Cached();

  @Test
  void givesThePatientItsNationalIdentifierAndCorrectsSyntheasCodingMistakes() throws Exception {
    Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, Files.readString(
        SyntheaSamples.r4().resolve("Isaura_Dietrich_633c1ef2-5e5f-479d-99b4-b5f49e6c33b2.json")));
    Patient patient = resources(bundle, Patient.class).findFirst().orElseThrow();
    String ssn = patient.getIdentifier().stream().filter(i -> NationalIdentifiers.US_SSN_SYSTEM.equals(i.getSystem()))
        .findFirst().orElseThrow().getValue();

    int fixed = SyntheaRecordFixes.apply(bundle);

    assertThat(NationalIdentifiers.of(patient)).map(Identifier::getValue).hasValue(ssn.replace("-", ""));
    assertThat(resources(bundle, Observation.class).flatMap(o -> o.getCategory().stream())
        .flatMap(c -> c.getCoding().stream())).noneMatch(c -> "vital-sign".equals(c.getCode()));
    assertThat(patient.getCommunication()).allSatisfy(c -> assertThat(c.getLanguage().getCoding())
        .allSatisfy(coding -> assertThat(coding.getSystem()).isNotEqualTo(SyntheaRecordFixes.LEGACY_LANGUAGES)));
    assertThat(fixed).isGreaterThan(1);
    assertThat(SyntheaRecordFixes.apply(bundle)).isZero();
  }

  private static <T> Stream<T> resources(Bundle bundle, Class<T> type) {
    return bundle.getEntry().stream().map(BundleEntryComponent::getResource).filter(type::isInstance)
        .map(type::cast);
  }
}
