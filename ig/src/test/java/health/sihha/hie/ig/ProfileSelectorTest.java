package health.sihha.hie.ig;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.SupplyDelivery;
import org.junit.jupiter.api.Test;

class ProfileSelectorTest {

  private final ProfileSelector selector = new ProfileSelector();

  @Test
  void resourcesWithOneProfileGetItWhateverTheyDeclare() {
    Patient patient = new Patient();
    patient.getMeta().addProfile("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient");

    assertThat(selector.profileFor(patient)).contains(Profiles.PATIENT);
    assertThat(selector.profileFor(new Practitioner())).contains(Profiles.PRACTITIONER);
    assertThat(selector.profileFor(new PractitionerRole())).contains(Profiles.PRACTITIONER_ROLE);
    assertThat(selector.profileFor(new MedicationRequest())).contains(Profiles.MEDICATION_REQUEST);
    assertThat(selector.profileFor(new MedicationDispense())).contains(Profiles.MEDICATION_DISPENSE);
    assertThat(selector.profileFor(new SupplyDelivery())).contains(Profiles.SUPPLY_DELIVERY);
  }

  @Test
  void locationsByPhysicalType() {
    assertThat(selector.profileFor(location("wa"))).contains(Profiles.LOCATION_WARD);
    assertThat(selector.profileFor(location("ro"))).contains(Profiles.LOCATION_ROOM);
    assertThat(selector.profileFor(location("bd"))).contains(Profiles.LOCATION_BED);
    assertThat(selector.profileFor(location("bu"))).isEmpty();
    assertThat(selector.profileFor(new Location())).isEmpty();
  }

  @Test
  void encountersByClass() {
    assertThat(selector.profileFor(encounter("IMP"))).contains(Profiles.ENCOUNTER_HOSPITALIZATION);
    assertThat(selector.profileFor(encounter("AMB"))).contains(Profiles.ENCOUNTER_VISIT);
    assertThat(selector.profileFor(encounter("EMER"))).contains(Profiles.ENCOUNTER_VISIT);
    assertThat(selector.profileFor(encounter("VR"))).isEmpty();
    assertThat(selector.profileFor(new Encounter())).isEmpty();
  }

  @Test
  void observationsAreLabWhenOneCategoryIsLaboratory() {
    Observation lab = new Observation();
    lab.addCategory().addCoding(new Coding(ProfileSelector.OBSERVATION_CATEGORY, "vital-signs", null));
    lab.addCategory().addCoding(new Coding(ProfileSelector.OBSERVATION_CATEGORY, "laboratory", null));
    Observation vital = new Observation();
    vital.addCategory().addCoding(new Coding(ProfileSelector.OBSERVATION_CATEGORY, "vital-signs", null));

    assertThat(selector.profileFor(lab)).contains(Profiles.OBSERVATION_LAB);
    assertThat(selector.profileFor(vital)).isEmpty();
  }

  @Test
  void diagnosticReportsAreLabWhenTheirCategoryIsLab() {
    DiagnosticReport lab = new DiagnosticReport();
    lab.addCategory().addCoding(new Coding(ProfileSelector.DIAGNOSTIC_SERVICE_SECTION, "LAB", null));
    DiagnosticReport radiology = new DiagnosticReport();
    radiology.addCategory().addCoding(new Coding(ProfileSelector.DIAGNOSTIC_SERVICE_SECTION, "RAD", null));

    assertThat(selector.profileFor(lab)).contains(Profiles.DIAGNOSTIC_REPORT_LAB);
    assertThat(selector.profileFor(radiology)).isEmpty();
  }

  @Test
  void medicationsAreStockOnlyWithABatch() {
    Medication product = new Medication();
    product.getCode().addCoding().setSystem("http://www.nlm.nih.gov/research/umls/rxnorm").setCode("314076");
    Medication stocked = product.copy();
    stocked.getBatch().setLotNumber("L1");

    assertThat(selector.profileFor(product)).isEmpty();
    assertThat(selector.profileFor(stocked)).contains(Profiles.MEDICATION);
  }

  @Test
  void otherTypesHaveNoProfile() {
    assertThat(selector.profileFor(new Condition())).isEmpty();
  }

  private static Location location(String physicalType) {
    Location location = new Location();
    location.getPhysicalType().addCoding(new Coding(ProfileSelector.LOCATION_PHYSICAL_TYPE, physicalType, null));
    return location;
  }

  private static Encounter encounter(String actCode) {
    Encounter encounter = new Encounter();
    encounter.setClass_(new Coding(ProfileSelector.ACT_CODE, actCode, null));
    return encounter;
  }
}
