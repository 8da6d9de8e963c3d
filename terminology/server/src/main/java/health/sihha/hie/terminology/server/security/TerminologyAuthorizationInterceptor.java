package health.sihha.hie.terminology.server.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import java.util.List;

/**
 * Who may do what on the terminology server, whose content is national and not about patients: {@code /metadata} is
 * open; every read (read, search, and the operations in {@link #READ_OPERATIONS}, by GET or POST) needs a valid
 * bearer token of the realm, whatever its scopes and facility; everything else (create, update, delete,
 * {@code CodeSystem/$load}, any other operation) needs realm role {@code system} or {@code terminologist}.
 * No token or an invalid one is 401, a reader's write 403.
 */
@Interceptor(order = HieOrder.AUTHORIZATION)
public final class TerminologyAuthorizationInterceptor extends AuthorizationInterceptor {

  /** The realm role of the people who maintain the national terminology. */
  public static final String TERMINOLOGIST_ROLE = "terminologist";

  /** The terminology operations that change nothing; an operation not named here counts as a write. */
  public static final List<String> READ_OPERATIONS =
      List.of("$expand", "$lookup", "$validate-code", "$subsumes", "$translate");

  private final SmartGrants grants;

  public TerminologyAuthorizationInterceptor(SmartGrants grants) {
    super(PolicyEnum.DENY);
    this.grants = requireNonNull(grants);
  }

  @Override
  public List<IAuthRule> buildRuleList(RequestDetails request) {
    if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
      return new RuleBuilder().allow("metadata is open").metadata().andThen().denyAll("metadata only denyAll").build();
    }
    SmartGrant grant = grants.require(request);
    if (grant.hasRole(SmartGrant.SYSTEM_ROLE) || grant.hasRole(TERMINOLOGIST_ROLE)) {
      return new RuleBuilder().allowAll("terminology maintainers").build();
    }
    RuleBuilder rules = new RuleBuilder();
    rules.allow("reads").read().allResources().withAnyId();
    READ_OPERATIONS.forEach(operation ->
        rules.allow(operation).operation().named(operation).atAnyLevel().andAllowAllResponses());
    return rules.denyAll("writes need a maintainer denyAll").build();
  }

  @Override
  protected void handleDeny(RequestDetails request, Verdict verdict) {
    String operation = request.getRestOperationType() == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
        || request.getRestOperationType() == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
        || request.getRestOperationType() == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
        ? request.getOperation()
        : request.getRestOperationType() == null ? "this request" : request.getRestOperationType().getCode();
    throw new ForbiddenOperationException(Codes.of(1380) + operation + " changes the national terminology: it needs"
        + " realm role " + SmartGrant.SYSTEM_ROLE + " or " + TERMINOLOGIST_ROLE + "; any valid token may read");
  }
}
