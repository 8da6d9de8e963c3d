package health.sihha.hie.server.testing;

import health.sihha.hie.interceptors.consent.ConsentDirectives;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/** Patients' privacy Consents as the tests write them: active opt-outs, as a patient records them at a provider. */
public final class PrivacyConsents {

  private PrivacyConsents() {}

  /** The opt-out of {@code patient} (its id) whose deny provision names {@code facility}, e.g. {@code ministry}. */
  public static Consent denying(String patient, String facility) {
    Consent consent = optOut(patient);
    consent.getProvision().addActor()
        .setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP",
            "information recipient")))
        .setReference(new Reference().setType("Organization").setIdentifier(
            new Identifier().setSystem(ConsentDirectives.FACILITY_SYSTEM).setValue(facility)));
    return consent;
  }

  /** The opt-out of {@code patient} with a deny provision that names nobody yet (add a purpose or an actor). */
  public static Consent optOut(String patient) {
    Consent consent = new Consent();
    consent.setStatus(Consent.ConsentState.ACTIVE);
    consent.setScope(new CodeableConcept(new Coding(ConsentDirectives.CONSENT_SCOPE, ConsentDirectives.PATIENT_PRIVACY,
        null)));
    consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
    consent.setPatient(new Reference("Patient/" + patient));
    consent.setPolicyRule(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTOUT",
        "opt-out")));
    consent.getProvision().setType(ConsentProvisionType.DENY);
    return consent;
  }
}
