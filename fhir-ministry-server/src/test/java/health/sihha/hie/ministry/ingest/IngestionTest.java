package health.sihha.hie.ministry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.ministry.MinistryServerTest;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The ingestion endpoint, driven exactly as a provider's rest-hook drives it: PUT of the full resource. */
class IngestionTest extends MinistryServerTest {

  private static final String PLACEHOLDER = "http://hapifhir.io/fhir/StructureDefinition/resource-placeholder";

  @Test
  void storesUnderNationalIdStampedWithItsSource() {
    String id = newId();
    ingestionFor("provider-a").update().resource(patient(id, 1, "Haddad")).execute();

    Patient stored = readNational("provider-a." + id);
    assertThat(stored.getNameFirstRep().getFamily()).isEqualTo("Haddad");
    assertThat(stored.getMeta().getSource()).startsWith("http://provider-a.test/fhir/Patient/" + id + "/_history/1");
    Coding tag = stored.getMeta().getTag(SourceStamp.SYSTEM, "provider-a");
    assertThat(tag).isNotNull();
    assertThat(tag.getDisplay()).isEqualTo("Provider A");
    Bundle bySource = nationalStore().search().forResource(Patient.class)
        .withTag(SourceStamp.SYSTEM, "provider-a").where(Patient.FAMILY.matches().value("Haddad"))
        .returnBundle(Bundle.class).execute();
    assertThat(bySource.getEntry()).hasSize(1);
  }

  @Test
  void redeliveryOfTheSameVersionChangesNothing() {
    String id = newId();
    IGenericClient ingestion = ingestionFor("provider-a");
    ingestion.update().resource(patient(id, 1, "Once")).execute();
    ingestion.update().resource(patient(id, 1, "Once")).execute();
    ingestion.update().resource(patient(id, 1, "Once")).execute();

    assertThat(readNational("provider-a." + id).getMeta().getVersionId()).isEqualTo("1");
    Bundle history = nationalStore().history().onInstance("Patient/provider-a." + id).returnBundle(Bundle.class)
        .execute();
    assertThat(history.getEntry()).hasSize(1);
  }

  @Test
  void anOlderVersionArrivingLateIsIgnored() {
    String id = newId();
    IGenericClient ingestion = ingestionFor("provider-a");
    ingestion.update().resource(patient(id, 2, "Newer")).execute();
    ingestion.update().resource(patient(id, 1, "Older")).execute();

    Patient stored = readNational("provider-a." + id);
    assertThat(stored.getNameFirstRep().getFamily()).isEqualTo("Newer");
    assertThat(stored.getMeta().getSource()).contains("/_history/2");
  }

  @Test
  void aReferenceArrivingBeforeItsTargetResolvesWhenTheTargetArrives() {
    String patientId = newId();
    String observationId = newId();
    Observation observation = new Observation();
    observation.setId("Observation/" + observationId);
    observation.getMeta().setVersionId("1");
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8302-2");
    observation.setSubject(new Reference("Patient/" + patientId));
    ingestionFor("provider-a").update().resource(observation).execute();

    Observation storedObservation = nationalStore().read().resource(Observation.class)
        .withId("provider-a." + observationId).execute();
    assertThat(storedObservation.getSubject().getReference()).isEqualTo("Patient/provider-a." + patientId);
    assertThat(readNational("provider-a." + patientId).hasExtension(PLACEHOLDER)).isTrue();

    ingestionFor("provider-a").update().resource(patient(patientId, 1, "Late")).execute();
    Patient resolved = readNational("provider-a." + patientId);
    assertThat(resolved.hasExtension(PLACEHOLDER)).isFalse();
    assertThat(resolved.getNameFirstRep().getFamily()).isEqualTo("Late");
    assertThat(resolved.getMeta().getTag(SourceStamp.SYSTEM, "provider-a")).isNotNull();
  }

  @Test
  void theSameIdFromTwoProvidersLandsOnTwoNationalResources() {
    String id = newId();
    ingestionFor("provider-a").update().resource(patient(id, 1, "FromA")).execute();
    ingestionFor("provider-b").update().resource(patient(id, 1, "FromB")).execute();

    assertThat(readNational("provider-a." + id).getNameFirstRep().getFamily()).isEqualTo("FromA");
    assertThat(readNational("provider-b." + id).getNameFirstRep().getFamily()).isEqualTo("FromB");
  }

  @Test
  void aDeletionAtTheProviderDeletesTheNationalCopy() {
    String id = newId();
    ingestionFor("provider-a").update().resource(patient(id, 1, "Deleted")).execute();
    ingestionFor("provider-a").delete().resourceById("Patient", id).execute();

    assertThatThrownBy(() -> readNational("provider-a." + id)).isInstanceOf(ResourceGoneException.class);
  }

  @Test
  void anUnregisteredProviderIsRefused() {
    assertThatThrownBy(() -> ingestionFor("provider-x").update().resource(patient(newId(), 1, "X")).execute())
        .isInstanceOf(ForbiddenOperationException.class)
        .hasMessageContaining("SIHHA-1103");
  }

  @Test
  void aTypeThatIsNotAggregatedIsRefused() {
    Claim claim = new Claim();
    claim.setId("Claim/" + newId());
    assertThatThrownBy(() -> ingestionFor("provider-a").update().resource(claim).execute())
        .isInstanceOf(ResourceNotFoundException.class);
  }

  private Patient readNational(String nationalId) {
    return nationalStore().read().resource(Patient.class).withId(nationalId).execute();
  }

  private static Patient patient(String id, int version, String family) {
    Patient patient = new Patient();
    patient.setId("Patient/" + id);
    patient.getMeta().setVersionId(Integer.toString(version));
    patient.addName().setFamily(family);
    return patient;
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
