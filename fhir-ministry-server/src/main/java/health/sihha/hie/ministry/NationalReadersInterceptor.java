package health.sihha.hie.ministry;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.ministry.cpabe.keys.KeyOperations;
import java.util.List;

/**
 * Who reads the national store: people with one of the reader roles (ministry analysts, epidemiologists) and the
 * ministry's own service accounts (realm role {@code system}). The SMART authorization has already refused every token
 * of another facility (a provider's service account, its clinicians, its patients' apps) and checked the scopes; this
 * adds the role, so that a ministry user without a reader role gets 403.
 */
@Interceptor(order = HieOrder.READER_ROLES)
final class NationalReadersInterceptor {

  private final SmartGrants grants;
  private final List<String> readerRoles;

  NationalReadersInterceptor(SmartGrants grants, List<String> readerRoles) {
    this.grants = requireNonNull(grants);
    this.readerRoles = List.copyOf(readerRoles);
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void requireReaderRole(RequestDetails request, RestOperationTypeEnum operation) {
    if (request instanceof SystemRequestDetails || operation == RestOperationTypeEnum.METADATA) {
      return;
    }
    // key administrators read no national data; their role is checked by the key operations' own interceptor
    if (request.getOperation() != null && KeyOperations.KEY_ADMIN.contains(request.getOperation())) {
      return;
    }
    SmartGrant grant = grants.require(request);
    if (grant.hasRole(SmartGrant.SYSTEM_ROLE) || readerRoles.stream().anyMatch(grant::hasRole)) {
      return;
    }
    throw new ForbiddenOperationException(Codes.of(1145) + "the national store is read by the roles " + readerRoles
        + " and by service accounts; the token has none of them");
  }
}
