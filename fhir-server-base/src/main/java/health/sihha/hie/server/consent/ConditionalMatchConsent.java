package health.sihha.hie.server.consent;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.consent.ConsentAuthorizationInterceptor;
import health.sihha.hie.interceptors.consent.ConsentDirectives;
import health.sihha.hie.interceptors.consent.PatientCompartment;
import health.sihha.hie.interceptors.consent.PatientConsents;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import java.util.Date;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Conditional create, update, delete and conditional references find their target by searching: a resource of a
 * patient whose consent denies the requesting party is taken out of that match, so the request goes on as if it did
 * not exist (a create creates, a delete deletes nothing). Neither the content nor the existence of the denied
 * patient's data shows in the answer: no 200 with the stored resource, no {@code Location} of it, no refusal that
 * only a match would cause. HAPI runs {@link Pointcut#STORAGE_PRESHOW_RESOURCES} on match results for this purpose
 * (unless its match-URL cache or mass-ingestion mode is on, which this project leaves off); during a write, that is
 * the only time it shows stored resources, so the hook acts on writes alone and reads keep the whole-response
 * refusal of {@link ConsentAuthorizationInterceptor}.
 */
@Interceptor(order = HieOrder.CONSENT)
public final class ConditionalMatchConsent {

  private static final EnumSet<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
      RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE,
      RestOperationTypeEnum.TRANSACTION, RestOperationTypeEnum.BATCH);

  private final PatientConsents consents;

  public ConditionalMatchConsent(PatientConsents consents) {
    this.consents = requireNonNull(consents);
  }

  @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
  public void hideDeniedMatches(IPreResourceShowDetails details, RequestDetails request) {
    if (request == null || request instanceof SystemRequestDetails
        || !WRITES.contains(request.getRestOperationType())) {
      return;
    }
    Optional<SmartGrant> grant = SmartGrants.verified(request);
    if (grant.isEmpty()) {
      return;
    }
    Set<String> parties = ConsentAuthorizationInterceptor.partiesOf(grant.get());
    Date now = new Date();
    for (int i = 0; i < details.size(); i++) {
      IBaseResource match = details.getResource(i);
      if (match == null) {
        continue;
      }
      Set<String> patients = PatientCompartment.patientsOf(request.getFhirContext(), match);
      if (!patients.isEmpty()
          && !ConsentDirectives.denyingAccess(consents.active(patients), parties, now).isEmpty()) {
        details.setResource(i, null);
      }
    }
  }
}
