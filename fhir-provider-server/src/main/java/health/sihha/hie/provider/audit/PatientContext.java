package health.sihha.hie.provider.audit;

import health.sihha.hie.interceptors.security.ClinicalRolePolicy;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartScope.Context;
import java.util.Set;

/**
 * A patient's own token: a SMART patient-context grant ({@code patient/} scopes) naming its patient, whose user is
 * not staff: no {@code fhirUser} other than a Patient, no clinical or system role. A clinician's launch in a
 * patient's context is the clinician's, not the patient's.
 */
final class PatientContext {

  private static final Set<String> STAFF_ROLES = Set.of(ClinicalRolePolicy.PHYSICIAN, ClinicalRolePolicy.NURSE,
      ClinicalRolePolicy.PHARMACIST, ClinicalRolePolicy.LAB_TECHNICIAN, ClinicalRolePolicy.FACILITY_ADMIN,
      SmartGrant.SYSTEM_ROLE);

  private PatientContext() {}

  static boolean of(SmartGrant grant) {
    return grant.patient() != null && !grant.scopes().in(Context.PATIENT).isEmpty()
        && (grant.fhirUser() == null || grant.fhirUser().startsWith("Patient/"))
        && grant.roles().stream().noneMatch(STAFF_ROLES::contains);
  }
}
