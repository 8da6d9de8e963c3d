package health.sihha.hie.provider.encounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.provider.ProviderServerTest;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Encounter status may only move forward along the lifecycle; created encounters may have any status. */
class EncounterTransitionTest extends ProviderServerTest {

  @Test
  void followsTheLifecycleOfAHospitalization() {
    String id = create("IMP", EncounterStatus.PLANNED);
    for (EncounterStatus next : List.of(EncounterStatus.ARRIVED, EncounterStatus.TRIAGED, EncounterStatus.INPROGRESS,
        EncounterStatus.ONLEAVE, EncounterStatus.INPROGRESS, EncounterStatus.FINISHED)) {
      update(id, next);
    }
    assertThat(read(id).getStatus()).isEqualTo(EncounterStatus.FINISHED);
    Encounter corrected = read(id).addReasonCode(new CodeableConcept().setText("corrected after discharge"));
    client().update().resource(corrected).execute();

    assertRefusedWith(() -> update(id, EncounterStatus.INPROGRESS), "1226", "from finished to in-progress");
    assertRefusedWith(() -> update(id, EncounterStatus.CANCELLED), "1226", "from finished to cancelled");
  }

  @Test
  void visitsFollowTheSameRules() {
    String ambulatory = create("AMB", EncounterStatus.PLANNED);
    assertRefusedWith(() -> update(ambulatory, EncounterStatus.FINISHED), "1226", "from planned to finished");
    update(ambulatory, EncounterStatus.CANCELLED);
    assertRefusedWith(() -> update(ambulatory, EncounterStatus.PLANNED), "1226", "from cancelled to planned");

    String emergency = create("EMER", EncounterStatus.INPROGRESS);
    assertRefusedWith(() -> update(emergency, EncounterStatus.TRIAGED), "1226", "from in-progress to triaged");
    update(emergency, EncounterStatus.ENTEREDINERROR);
    assertRefusedWith(() -> update(emergency, EncounterStatus.INPROGRESS), "1226", "entered-in-error");
  }

  @Test
  void anActiveHospitalizationKeepsItsClass() {
    String id = create("IMP", EncounterStatus.INPROGRESS);
    Encounter outpatient = read(id);
    outpatient.setClass_(new Coding(EncounterLifecycle.ACT_CODE, "AMB", null));
    assertRefusedWith(() -> client().update().resource(outpatient).execute(), "1227", "class");

    update(id, EncounterStatus.FINISHED);
    Encounter corrected = read(id);
    corrected.setClass_(new Coding(EncounterLifecycle.ACT_CODE, "AMB", null));
    client().update().resource(corrected).execute();
  }

  @Test
  void createsTakeAnyStatus() {
    assertThat(read(create("IMP", EncounterStatus.FINISHED)).getStatus()).isEqualTo(EncounterStatus.FINISHED);
    assertThat(read(create("AMB", EncounterStatus.CANCELLED)).getStatus()).isEqualTo(EncounterStatus.CANCELLED);
  }

  private String create(String encounterClass, EncounterStatus status) {
    IGenericClient client = client();
    String patient = createPatient("Visiting");
    Encounter encounter = new Encounter().setStatus(status)
        .setClass_(new Coding(EncounterLifecycle.ACT_CODE, encounterClass, null))
        .setSubject(new Reference("Patient/" + patient));
    return client.create().resource(encounter).execute().getId().getIdPart();
  }

  private Encounter read(String id) {
    return client().read().resource(Encounter.class).withId(id).execute();
  }

  private void update(String id, EncounterStatus status) {
    client().update().resource(read(id).setStatus(status)).execute();
  }

  private static void assertRefusedWith(ThrowingCallable call, String code, String text) {
    assertThatThrownBy(call).isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
      String diagnostics = ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics();
      assertThat(diagnostics).startsWith("SIHHA-" + code + ": ").contains(text);
    });
  }
}
