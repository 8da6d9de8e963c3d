package health.sihha.hie.ministry.linking;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.SmartGrants;

/**
 * The registry operations ({@code $match-candidates}, {@code $link-decision}, {@code $unlink}) need the steward role
 * on top of what reading the national store needs: a reader without it gets 403.
 */
@Interceptor(order = HieOrder.READER_ROLES)
final class StewardRoleInterceptor {

  private final SmartGrants grants;
  private final String stewardRole;

  StewardRoleInterceptor(SmartGrants grants, String stewardRole) {
    this.grants = requireNonNull(grants);
    this.stewardRole = requireNonNull(stewardRole);
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void requireSteward(RequestDetails request) {
    // Set.of(...).contains(null) throws: reads and searches carry no operation name
    String operation = request.getOperation();
    if (request instanceof SystemRequestDetails || operation == null
        || !RegistryOperations.STEWARD.contains(operation)) {
      return;
    }
    if (!grants.require(request).hasRole(stewardRole)) {
      throw new ForbiddenOperationException(Codes.of(1139) + request.getOperation()
          + " is a registry steward's operation: the token has no realm role " + stewardRole);
    }
  }
}
