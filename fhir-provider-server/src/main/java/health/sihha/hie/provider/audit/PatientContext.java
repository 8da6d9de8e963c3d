package health.sihha.hie.provider.audit;

import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartScope.Context;

/**
 * A patient's own token: a SMART patient-context grant ({@code patient/} scopes) naming its patient, whose user is
 * not a practitioner (no {@code fhirUser}, or a Patient): a clinician's launch in a patient's context is the
 * clinician's, not the patient's.
 */
final class PatientContext {

  private PatientContext() {}

  static boolean of(SmartGrant grant) {
    return grant.patient() != null && !grant.scopes().in(Context.PATIENT).isEmpty()
        && (grant.fhirUser() == null || grant.fhirUser().startsWith("Patient/"));
  }
}
