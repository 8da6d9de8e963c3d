package health.sihha.hie.ministry.replication;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import java.util.Set;

/**
 * Operations for whoever runs the ministry ({@code $reconcile}, {@code $reconcile-status}, the witness's): its own
 * service accounts (realm role {@code system}) and its facility administrators ({@code facility-admin}), both of the
 * ministry's facility; readers of the national store (analysts, epidemiologists) get 403.
 */
@Interceptor(order = HieOrder.READER_ROLES)
public final class OperatorAuthorization {

  static final String ADMIN_ROLE = "facility-admin";

  private final SmartGrants grants;
  private final String facility;
  private final Set<String> operations;

  /** Restricts {@code operations} (names with their {@code $}) to the operators of {@code facility}. */
  public OperatorAuthorization(SmartGrants grants, String facility, Set<String> operations) {
    this.grants = requireNonNull(grants);
    this.facility = requireNonNull(facility);
    this.operations = Set.copyOf(operations);
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void requireOperator(RequestDetails request) {
    if (request.getOperation() == null || !operations.contains(request.getOperation())) {
      return;
    }
    SmartGrant grant = grants.require(request);
    boolean operator = grant.hasRole(SmartGrant.SYSTEM_ROLE) || grant.hasRole(ADMIN_ROLE);
    if (!operator || !facility.equals(grant.facility())) {
      throw new ForbiddenOperationException(Codes.of(1124) + request.getOperation()
          + " is for the ministry's service accounts and facility administrators");
    }
  }
}
