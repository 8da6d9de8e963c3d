package health.sihha.hie.ministry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.consent.ConsentDirectives;
import health.sihha.hie.ministry.MinistryServerTest;
import health.sihha.hie.server.testing.PrivacyConsents;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** A patient's opt-out of the ministry, delivered by the provider, withdraws the patient's national data. */
class OptOutWithdrawalTest extends MinistryServerTest {

  @Test
  void anOptOutWithdrawsThePatientsDataFromThatProviderOnlyAndKeepsOutWhatFollows() {
    String patient = newId();
    String observation = newId();
    deliver("provider-a", patient(patient, 1, "Withdrawn"));
    deliver("provider-a", patient(patient, 2, "Withdrawn-Again"));
    deliver("provider-a", observation(observation, patient));
    deliver("provider-b", patient(patient, 1, "Kept"));

    String person = personOf("provider-a." + patient);

    String consent = newId();
    deliver("provider-a", optOut(consent, patient, 1, ConsentState.ACTIVE));

    assertThatThrownBy(() -> national(Observation.class, "provider-a." + observation))
        .isInstanceOf(ResourceGoneException.class);
    assertThat(history("Observation/provider-a." + observation).getEntry()).as("only the deletion is left")
        .singleElement().satisfies(entry -> assertThat(entry.getResource()).isNull());
    Patient emptied = national(Patient.class, "provider-a." + patient);
    assertThat(emptied.hasName() || emptied.hasIdentifier()).isFalse();
    assertThat(emptied.getMeta().getTag(SourceStamp.SYSTEM, "provider-a")).isNotNull();
    assertThat(history("Patient/provider-a." + patient).getEntry()).singleElement()
        .satisfies(entry -> assertThat(((Patient) entry.getResource()).hasName()).isFalse());
    assertThat(national(Consent.class, "provider-a." + consent).getPatient().getReference())
        .isEqualTo("Patient/provider-a." + patient);
    assertThat(national(Patient.class, "provider-b." + patient).getNameFirstRep().getFamily()).isEqualTo("Kept");
    assertThat(personsLinking("provider-a." + patient).getEntry()).as("the record left its person").isEmpty();
    Patient emptiedPerson = national(Patient.class, person);
    assertThat(emptiedPerson.getActive()).isFalse();
    assertThat(emptiedPerson.hasName() || emptiedPerson.hasIdentifier() || emptiedPerson.hasBirthDate()).isFalse();
    assertThat(history("Patient/" + person).getEntry()).as("nor do the person's earlier versions hold the names")
        .singleElement().satisfies(entry -> assertThat(((Patient) entry.getResource()).hasName()).isFalse());

    String late = newId();
    deliver("provider-a", observation(late, patient));
    deliver("provider-a", patient(patient, 3, "Still-Out"));
    assertThatThrownBy(() -> national(Observation.class, "provider-a." + late))
        .as("a delivery still under way when the opt-out arrived").isInstanceOf(ResourceNotFoundException.class);
    assertThat(national(Patient.class, "provider-a." + patient).hasName()).isFalse();

    deliver("provider-a", optOut(consent, patient, 2, ConsentState.INACTIVE));
    deliver("provider-a", observation(late, patient));
    assertThat(national(Observation.class, "provider-a." + late).getSubject().getReference())
        .as("after opting back in").isEqualTo("Patient/provider-a." + patient);
  }

  @Test
  void anOptOutInsideOneNotificationWithdrawsWhatCameBeforeItAndKeepsOutWhatFollows() {
    String patient = newId();
    String before = newId();
    String after = newId();
    Bundle notification = Notifications.from(providerBase("provider-a"))
        .written(1, patient(patient, 1, "Together"), 1)
        .written(2, observation(before, patient), 1)
        .written(3, optOut(newId(), patient, 1, ConsentState.ACTIVE), 1)
        .written(4, observation(after, patient), 1)
        .bundle();

    Bundle response = deliver("provider-a", notification);

    assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus()).containsOnly("200").hasSize(4);
    assertThatThrownBy(() -> national(Observation.class, "provider-a." + before))
        .isInstanceOf(ResourceGoneException.class);
    assertThatThrownBy(() -> national(Observation.class, "provider-a." + after))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(national(Patient.class, "provider-a." + patient).hasName()).isFalse();
  }

  @Test
  void aConsentThatOptsOutOfAnotherFacilityWithdrawsNothing() {
    String patient = newId();
    String observation = newId();
    deliver("provider-a", patient(patient, 1, "Shared"));
    deliver("provider-a", observation(observation, patient));

    Consent otherFacility = optOut(newId(), patient, 1, ConsentState.ACTIVE);
    otherFacility.getProvision().getActorFirstRep().getReference().getIdentifier().setValue("provider-b");
    deliver("provider-a", otherFacility);

    assertThat(national(Observation.class, "provider-a." + observation)).isNotNull();
    assertThat(national(Patient.class, "provider-a." + patient).getNameFirstRep().getFamily()).isEqualTo("Shared");
  }

  private String personOf(String record) {
    return personsLinking(record).getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart())
        .findFirst().orElseThrow(() -> new AssertionError("no person record links Patient/" + record));
  }

  private Bundle personsLinking(String record) {
    // not HAPI's cached result of the same search a moment ago
    return nationalStore().search().forResource(Patient.class).where(Patient.LINK.hasId("Patient/" + record))
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
  }

  private <T extends IBaseResource> T national(Class<T> type, String id) {
    return nationalStore().read().resource(type).withId(id).execute();
  }

  private Bundle history(String id) {
    return nationalStore().history().onInstance(id).returnBundle(Bundle.class).execute();
  }

  private static Patient patient(String id, int version, String family) {
    Patient patient = new Patient();
    patient.setId("Patient/" + id);
    patient.getMeta().setVersionId(Integer.toString(version));
    patient.addName().setFamily(family);
    patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.1").setValue(id);
    return patient;
  }

  private static Observation observation(String id, String patient) {
    Observation observation = new Observation();
    observation.setId("Observation/" + id);
    observation.getMeta().setVersionId("1");
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2339-0");
    observation.setSubject(new Reference("Patient/" + patient));
    return observation;
  }

  /** The patient's opt-out of the ministry, as the provider delivers it. */
  private static Consent optOut(String id, String patient, int version, ConsentState status) {
    Consent consent = PrivacyConsents.denying(patient, ConsentDirectives.MINISTRY);
    consent.setId("Consent/" + id);
    consent.getMeta().setVersionId(Integer.toString(version));
    consent.setStatus(status);
    return consent;
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
