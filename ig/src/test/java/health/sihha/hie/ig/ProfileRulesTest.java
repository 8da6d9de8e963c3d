package health.sihha.hie.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** Each rule of the profiles, broken once: the validator names the element or rule. */
class ProfileRulesTest {

  private final ServerValidation validation = ServerValidation.shared();

  @Test
  void patientNeedsANationalIdentifier() {
    Patient patient = Examples.named(validation.fhirContext, "Patient-example-patient", Patient.class);
    patient.getIdentifierFirstRep().setSystem("http://hospital.example.org/mrn");

    assertThat(errorsAgainst(patient, Profiles.PATIENT)).anyMatch(m -> m.contains("nationalId"));
  }

  @Test
  void bedNeedsAnOperationalStatus() {
    Location bed = Examples.named(validation.fhirContext, "Location-bed-a1-1", Location.class);
    bed.setOperationalStatus(null);

    assertThat(errorsAgainst(bed, Profiles.LOCATION_BED)).anyMatch(m -> m.contains("operationalStatus"));
  }

  @Test
  void bedStatusComesFromTable0116() {
    Location bed = Examples.named(validation.fhirContext, "Location-bed-a1-1", Location.class);
    bed.getOperationalStatus().setCode("X");

    assertThat(errorsAgainst(bed, Profiles.LOCATION_BED)).isNotEmpty();
  }

  @Test
  void labResultNeedsALoincCoding() {
    Observation glucose = Examples.named(validation.fhirContext, "Observation-example-glucose", Observation.class);
    glucose.getCode().getCodingFirstRep().setSystem("http://lab.example.org/tests").setCode("GLU");

    assertThat(errorsAgainst(glucose, Profiles.OBSERVATION_LAB)).anyMatch(m -> m.contains("loinc"));
  }

  @Test
  void labQuantityNeedsAUcumUnit() {
    Observation glucose = Examples.named(validation.fhirContext, "Observation-example-glucose", Observation.class);
    glucose.setValue(new Quantity().setValue(95).setUnit("mg/dL"));

    assertThat(errorsAgainst(glucose, Profiles.OBSERVATION_LAB)).anyMatch(m -> m.contains("sihha-lab-1"));
  }

  @Test
  void unknownLoincCodeIsOnlyAWarning() {
    Observation glucose = Examples.named(validation.fhirContext, "Observation-example-glucose", Observation.class);
    glucose.getCode().getCodingFirstRep().setCode("99999-9").setDisplay(null);

    List<SingleValidationMessage> messages = validation.validate(glucose, Optional.of(Profiles.OBSERVATION_LAB));
    assertThat(ServerValidation.errors(messages)).isEmpty();
    assertThat(messages).anyMatch(m -> m.getSeverity() == ResultSeverityEnum.WARNING
        && m.getMessage().contains("99999-9"));
  }

  @Test
  void stockedMedicationNeedsAnExpiryDate() {
    Medication medication =
        Examples.named(validation.fhirContext, "Medication-example-medication", Medication.class);
    medication.getBatch().setExpirationDateElement(null);

    assertThat(errorsAgainst(medication, Profiles.MEDICATION)).anyMatch(m -> m.contains("expirationDate"));
  }

  @Test
  void visitCannotBeInpatient() {
    Encounter visit = Examples.named(validation.fhirContext, "Encounter-example-visit", Encounter.class);
    visit.getClass_().setCode("IMP").setDisplay("inpatient encounter");

    assertThat(errorsAgainst(visit, Profiles.ENCOUNTER_VISIT))
        .anyMatch(m -> m.contains("Encounter.class") && m.contains("sihha-encounter-visit-class"));
  }

  private List<String> errorsAgainst(Resource resource, String profile) {
    return ServerValidation.errors(validation.validate(resource, Optional.of(profile))).stream()
        .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
  }
}
