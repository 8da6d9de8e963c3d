package health.sihha.hie.provider.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.provider.ProviderServerTest;
import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** Writes checked against the Implementation Guide's profiles, through the REST API. */
class ProfileValidationTest extends ProviderServerTest {

  private static final String UCUM = "http://unitsofmeasure.org";
  private static final String LOINC = "http://loinc.org";

  @Test
  void aPatientWithoutNationalIdentifierIsRefusedNamingTheSlice() {
    Patient patient = new Patient();
    patient.addName().setFamily("Anonymous");
    patient.addIdentifier().setSystem("http://hospital.example/mrn").setValue("mrn-1");

    OperationOutcome outcome = refused(patient);

    assertThat(outcome.getIssueFirstRep().getDiagnostics())
        .startsWith("SIHHA-1200: Patient does not conform to https://sihha.health/fhir/StructureDefinition/sihha-patient");
    assertThat(details(outcome)).anyMatch(d -> d.contains("Patient.identifier:nationalId"));
  }

  @Test
  void aBedWithoutOperationalStatusIsRefused() {
    Location bed = new Location().setName("Bed without status");
    bed.getPhysicalType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/location-physical-type")
        .setCode("bd");

    OperationOutcome outcome = refused(bed);

    assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("sihha-location-bed");
    assertThat(details(outcome)).anyMatch(d -> d.contains("Location.operationalStatus"));
  }

  @Test
  void aLabResultNeedsALoincCodeAndAUcumQuantity() {
    String patient = createPatient("Lab-Rules");
    Observation localCode = lab(patient, "http://lab.example/codes", "GLU", quantity("5.4", "mmol/L"));
    Observation noUnitSystem = lab(patient, LOINC, "2345-7", new Quantity().setValue(98).setUnit("mg/dL"));
    Observation malformedUnit = lab(patient, LOINC, "2345-7", quantity("98", "mg//dL"));

    assertThat(details(refused(localCode))).anyMatch(d -> d.contains("Observation.code.coding:loinc"));
    assertThat(details(refused(noUnitSystem))).anyMatch(d -> d.contains("Observation.value"));
    assertThat(details(refused(malformedUnit))).anyMatch(d -> d.contains("mg//dL"));
  }

  @Test
  void anUnknownLoincCodeIsAcceptedSinceOnlyPartOfLoincIsHeldHere() {
    String patient = createPatient("Lab-Fragment");
    Observation rare = lab(patient, LOINC, "99999-9", quantity("1.2", "mg/dL"));

    assertThat(client().create().resource(rare).execute().getCreated()).isTrue();
  }

  @Test
  void aSurveyScoreInSyntheasLegacyUnitIsAcceptedUnderTheWarnPolicy() {
    String patient = createPatient("Survey");
    Observation survey = new Observation().setStatus(ObservationStatus.FINAL)
        .setSubject(new Reference("Patient/" + patient));
    survey.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
        .setCode("survey");
    survey.getCode().addCoding().setSystem(LOINC).setCode("72106-8").setDisplay("Total score [MMSE]");
    survey.setValue(quantity("27", "(score)"));

    assertThat(client().create().resource(survey).execute().getCreated()).isTrue();
  }

  @Test
  void aBatchNeedsItsExpiryAndAVisitItsSubject() {
    Medication batch = new Medication();
    batch.getCode().addCoding().setSystem("http://www.nlm.nih.gov/research/umls/rxnorm").setCode("861007");
    batch.getBatch().setLotNumber("LOT-NO-EXPIRY");
    Encounter visit = new Encounter().setStatus(EncounterStatus.FINISHED)
        .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));

    assertThat(details(refused(batch))).anyMatch(d -> d.contains("Medication.batch.expirationDate"));
    assertThat(details(refused(visit))).anyMatch(d -> d.contains("Encounter.subject"));
  }

  @Test
  void oneNonConformingEntryRefusesTheWholeTransaction() {
    Patient valid = newPatient("Valid-In-Bundle");
    Patient invalid = new Patient();
    invalid.addName().setFamily("Invalid-In-Bundle");
    Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
    for (Patient patient : List.of(valid, invalid)) {
      transaction.addEntry().setResource(patient).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
    }

    assertThatThrownBy(() -> client().transaction().withBundle(transaction).execute())
        .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("SIHHA-1200");

    Bundle stored = client().search().forResource(Patient.class)
        .where(Patient.FAMILY.matchesExactly().value("Valid-In-Bundle")).returnBundle(Bundle.class).execute();
    assertThat(stored.getEntry()).isEmpty();
  }

  private OperationOutcome refused(Resource resource) {
    try {
      client().create().resource(resource).execute();
    } catch (UnprocessableEntityException e) {
      return (OperationOutcome) e.getOperationOutcome();
    }
    throw new AssertionError(resource.fhirType() + " was accepted");
  }

  /** The per-error issues: what is wrong and where. */
  private static List<String> details(OperationOutcome outcome) {
    assertThat(outcome.getIssue()).hasSizeGreaterThan(1);
    List<OperationOutcomeIssueComponent> errors = outcome.getIssue().subList(1, outcome.getIssue().size());
    assertThat(errors).allSatisfy(issue -> assertThat(issue.getDiagnostics()).startsWith("SIHHA-1201: "));
    return errors.stream().map(OperationOutcomeIssueComponent::getDiagnostics).toList();
  }

  private static Observation lab(String patient, String system, String code, Quantity value) {
    Observation observation = new Observation().setStatus(ObservationStatus.FINAL)
        .setSubject(new Reference("Patient/" + patient)).setEffective(new DateTimeType("2026-11-30T08:00:00Z"));
    observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
        .setCode("laboratory");
    observation.getCode().addCoding().setSystem(system).setCode(code);
    observation.setValue(value);
    return observation;
  }

  private static Quantity quantity(String value, String unit) {
    return new Quantity().setValue(new BigDecimal(value)).setUnit(unit).setSystem(UCUM).setCode(unit);
  }
}
