package health.sihha.hie.ministry.cpabe.keys;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.SmartGrants;

/**
 * The key administration operations ({@code $cpabe-advance-epoch}, {@code $cpabe-rewrap-status}) need realm role
 * {@value #ROLE}; any other token gets 403, whatever its facility's or reader's rights.
 */
@Interceptor(order = HieOrder.READER_ROLES)
final class KeyAdminInterceptor {

  static final String ROLE = "key-admin";

  private final SmartGrants grants;

  KeyAdminInterceptor(SmartGrants grants) {
    this.grants = requireNonNull(grants);
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void requireKeyAdmin(RequestDetails request) {
    String operation = request.getOperation();
    if (operation == null || !KeyOperations.KEY_ADMIN.contains(operation)) {
      return;
    }
    if (!grants.require(request).hasRole(ROLE)) {
      throw new ForbiddenOperationException(Codes.of(1574) + operation + " is a key administrator's operation: the"
          + " token has no realm role " + ROLE);
    }
  }
}
