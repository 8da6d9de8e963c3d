package health.sihha.hie.provider.audit;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;

/**
 * Who may read a patient's access log: the patient (their own patient-context token) and this facility's privacy
 * officers. Everyone else is refused, whatever their scopes: a clinician reads the record, not who else read it.
 * The log names people, so it needs a verified identity even where the server runs without security.
 */
final class AccessLogPolicy {

  private final String facility;
  private final String privacyOfficerRole;

  AccessLogPolicy(String facility, String privacyOfficerRole) {
    this.facility = requireNonNull(facility);
    this.privacyOfficerRole = requireNonNull(privacyOfficerRole);
  }

  void check(RequestDetails request, String patientId) {
    SmartGrant grant = SmartGrants.verified(request).orElseThrow(() -> new AuthenticationException(
        Codes.of(1610) + "the access log needs a verified identity"));
    if (!facility.equals(grant.facility())) {
      throw new ForbiddenOperationException(Codes.of(1611) + "the access log is for this facility's users only");
    }
    boolean ownRecord = PatientContext.of(grant) && patientId.equals(grant.patient());
    boolean privacyOfficer = grant.hasRole(privacyOfficerRole);
    if (!ownRecord && !privacyOfficer) {
      throw new ForbiddenOperationException(
          Codes.of(1612) + "only the patient and the facility's privacy officers read a patient's access log");
    }
  }
}
