package health.sihha.hie.provider.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import jakarta.annotation.Nonnull;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Who a BALP event names, from the request's verified token: the user by subject (and {@code fhirUser}, or the
 * launch patient of a patient-context token), the client by its id ({@code azp}). A request without a verified token
 * names nobody, which {@link StoredBalpSink} counts instead of storing. Resources are named by relative, versionless
 * references, so the events are searchable by patient and entity in this server's own store.
 */
final class GrantAuditContext implements IBalpAuditContextServices {

  static final String SUBJECT_SYSTEM = "https://sihha.health/fhir/sid/keycloak-subject";
  static final String CLIENT_SYSTEM = "https://sihha.health/fhir/sid/oauth-client";

  @Nonnull
  @Override
  public Reference getAgentClientWho(RequestDetails request) {
    Optional<String> client = SmartGrants.verified(request).map(SmartGrant::clientId);
    return client.map(id -> new Reference().setIdentifier(new Identifier().setSystem(CLIENT_SYSTEM).setValue(id)))
        .orElseGet(Reference::new);
  }

  @Nonnull
  @Override
  public Reference getAgentUserWho(RequestDetails request) {
    return SmartGrants.verified(request).map(GrantAuditContext::user).orElseGet(Reference::new);
  }

  @Nonnull
  @Override
  public String massageResourceIdForStorage(RequestDetails request, IBaseResource resource, IIdType id) {
    return id.toUnqualifiedVersionless().getValue();
  }

  /** Whether {@code who} names someone: an event whose user is nobody was not made for an identified request. */
  static boolean identifies(Reference who) {
    return who.hasReference() || who.hasIdentifier();
  }

  private static Reference user(SmartGrant grant) {
    Reference who = new Reference().setIdentifier(new Identifier().setSystem(SUBJECT_SYSTEM).setValue(grant.subject()));
    if (grant.fhirUser() != null) {
      who.setReference(grant.fhirUser());
    } else if (PatientContext.of(grant)) {
      who.setReference("Patient/" + grant.patient());
    }
    return who;
  }
}
