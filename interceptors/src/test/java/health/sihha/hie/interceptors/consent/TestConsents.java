package health.sihha.hie.interceptors.consent;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/** Privacy Consents as a patient records them, and a {@link PatientConsents} holding them in memory. */
final class TestConsents implements PatientConsents {

  private final List<Consent> consents = new CopyOnWriteArrayList<>();

  @Override
  public List<Consent> active(Collection<String> patientIds) {
    return consents.stream().filter(c -> c.getStatus() == Consent.ConsentState.ACTIVE)
        .filter(c -> patientIds.contains(c.getPatient().getReferenceElement().getIdPart())).toList();
  }

  @Override
  public List<Consent> allActive() {
    return consents.stream().filter(c -> c.getStatus() == Consent.ConsentState.ACTIVE).toList();
  }

  void add(Consent consent) {
    consents.add(consent);
  }

  void clear() {
    consents.clear();
  }

  /** An active privacy Consent of {@code patient} whose provision denies {@code facilities}. */
  static Consent denying(String id, String patient, String... facilities) {
    Consent consent = privacy(id, patient);
    consent.getProvision().setType(ConsentProvisionType.DENY);
    for (String facility : facilities) {
      consent.getProvision().addActor(actor(facility));
    }
    return consent;
  }

  static Consent privacy(String id, String patient) {
    Consent consent = new Consent();
    consent.setId(id);
    consent.setStatus(Consent.ConsentState.ACTIVE);
    consent.setScope(new CodeableConcept(new Coding(ConsentDirectives.CONSENT_SCOPE, ConsentDirectives.PATIENT_PRIVACY,
        null)));
    consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
    consent.setPatient(new Reference("Patient/" + patient));
    consent.addPolicy().setUri("https://sihha.health/fhir/policy/opt-out");
    return consent;
  }

  static Consent.provisionActorComponent actor(String facility) {
    return new Consent.provisionActorComponent()
        .setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP",
            "information recipient")))
        .setReference(new Reference().setType("Organization")
            .setIdentifier(new Identifier().setSystem(ConsentDirectives.FACILITY_SYSTEM).setValue(facility)));
  }
}
