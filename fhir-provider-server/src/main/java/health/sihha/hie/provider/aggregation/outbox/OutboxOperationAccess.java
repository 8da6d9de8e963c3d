package health.sihha.hie.provider.aggregation.outbox;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox's operations show every aggregated resource and change what the ministry receives, so beyond the scopes
 * the SMART authorization checks ({@code Subscription} read, or update for {@code $retry}) they need a service
 * account (realm role {@code system}: the facility's own, or the ministry's through its reconciliation grant, which
 * reaches {@code $events} and {@code $status} only) or a {@code facility-admin}; a clinician's token is refused.
 */
@Interceptor
final class OutboxOperationAccess {

  private static final Set<String> OPERATIONS = Set.of("$status", "$events", "$parked", "$retry");
  private static final String FACILITY_ADMIN = "facility-admin";

  private final boolean identityRequired;

  /** @param identityRequired whether requests carry verified tokens (false only where security is off) */
  OutboxOperationAccess(boolean identityRequired) {
    this.identityRequired = identityRequired;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void check(RequestDetails request) {
    String operation = request.getOperation();
    if (operation == null || !"Subscription".equals(request.getResourceName()) || !OPERATIONS.contains(operation)) {
      return;
    }
    Optional<SmartGrant> grant = SmartGrants.verified(request);
    boolean allowed = grant.isEmpty()
        ? !identityRequired
        : grant.get().hasRole(SmartGrant.SYSTEM_ROLE) || grant.get().hasRole(FACILITY_ADMIN);
    if (!allowed) {
      throw new ForbiddenOperationException(Codes.of(1094) + operation
          + " on the ministry feed is for service accounts and facility administrators");
    }
  }
}
