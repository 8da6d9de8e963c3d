package health.sihha.hie.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The audit trail never keeps a resource alive, and never hides a reference that does. */
class AuditTrailDeleteTest extends ProviderServerTest {

  @Test
  void aPatientSeenOnlyByTheAuditTrailIsDeletedAndItsAuditEventsStay() {
    IGenericClient client = client();
    String patient = createPatient("Audited");
    String refused = audit(client, patient);
    String readUnderBreakGlass = audit(client, patient);

    client.delete().resourceById("Patient", patient).execute();

    assertThatThrownBy(() -> client.read().resource(Patient.class).withId(patient).execute())
        .isInstanceOf(ResourceGoneException.class);
    assertThat(client.read().resource(AuditEvent.class).withId(refused).execute().getEntityFirstRep().getWhat()
        .getReference()).isEqualTo("Patient/" + patient);
    Bundle trail = client.search().forResource(AuditEvent.class)
        .where(AuditEvent.ENTITY.hasId("Patient/" + patient)).returnBundle(Bundle.class).execute();
    assertThat(trail.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
        .containsExactlyInAnyOrder(refused, readUnderBreakGlass);
  }

  @Test
  void aClinicalReferenceBehindTheAuditTrailStillBlocksTheDelete() {
    IGenericClient client = client();
    String patient = createPatient("Observed and audited");
    audit(client, patient);
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2339-0");
    observation.setSubject(new Reference("Patient/" + patient));
    String observationId = client.create().resource(observation).execute().getId().getIdPart();
    audit(client, patient);

    assertThatThrownBy(() -> client.delete().resourceById("Patient", patient).execute())
        .isInstanceOf(ResourceVersionConflictException.class)
        .hasMessageContaining("Observation/" + observationId);
    assertThat(client.read().resource(Patient.class).withId(patient).execute().getIdElement().getIdPart())
        .isEqualTo(patient);

    client.delete().resourceById("Observation", observationId).execute();
    client.delete().resourceById("Patient", patient).execute();
    assertThatThrownBy(() -> client.read().resource(Patient.class).withId(patient).execute())
        .isInstanceOf(ResourceGoneException.class);
  }

  private static String audit(IGenericClient client, String patient) {
    AuditEvent event = new AuditEvent();
    event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation"));
    event.setAction(AuditEventAction.R);
    event.setRecorded(new Date());
    event.setOutcome(AuditEventOutcome._4);
    event.addAgent().setRequestor(true).setWho(new Reference().setDisplay("nurse-b"));
    event.getSource().setObserver(new Reference().setDisplay("provider-test"));
    event.addEntity().setWhat(new Reference("Patient/" + patient));
    return client.create().resource(event).execute().getId().getIdPart();
  }
}
