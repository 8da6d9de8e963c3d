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
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who may do what on the terminology server, whose content is national and not about patients: {@code /metadata} is
 * open; every read (read, search, and the operations in {@link #READ_OPERATIONS}, by GET or POST) needs a valid
 * bearer token of the realm issued for this server, whatever its scopes and facility (every organisation reads the
 * national terminology); everything else (create, update, delete, {@code CodeSystem/$load}, any other operation) is
 * for its maintainers alone: realm role {@code terminologist}, or a service account (realm role {@code system}) of
 * one of the maintaining facilities (the ministry's own client), never a provider's. No token or an invalid one is
 * 401, a reader's write 403.
 */
@Interceptor(order = HieOrder.AUTHORIZATION)
public final class TerminologyAuthorizationInterceptor extends AuthorizationInterceptor {

  /** The realm role of the people who maintain the national terminology. */
  public static final String TERMINOLOGIST_ROLE = "terminologist";

  /** The terminology operations that change nothing; an operation not named here counts as a write. */
  public static final List<String> READ_OPERATIONS =
      List.of("$expand", "$lookup", "$validate-code", "$subsumes", "$translate");

  private final SmartGrants grants;
  private final Set<String> maintainingFacilities;

  /**
   * @param grants how the request's token is verified
   * @param maintainingFacilities the facilities whose service accounts maintain the terminology (the ministry)
   */
  public TerminologyAuthorizationInterceptor(SmartGrants grants, Collection<String> maintainingFacilities) {
    super(PolicyEnum.DENY);
    this.grants = requireNonNull(grants);
    this.maintainingFacilities = Set.copyOf(maintainingFacilities);
  }

  @Override
  public List<IAuthRule> buildRuleList(RequestDetails request) {
    if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
      return new RuleBuilder().allow("metadata is open").metadata().andThen().denyAll("metadata only denyAll").build();
    }
    SmartGrant grant = grants.require(request);
    if (maintains(grant)) {
      return new RuleBuilder().allowAll("terminology maintainers").build();
    }
    RuleBuilder rules = new RuleBuilder();
    rules.allow("reads").read().allResources().withAnyId();
    READ_OPERATIONS.forEach(operation ->
        rules.allow(operation).operation().named(operation).atAnyLevel().andAllowAllResponses());
    return rules.denyAll("writes need a maintainer denyAll").build();
  }

  private boolean maintains(SmartGrant grant) {
    return grant.hasRole(TERMINOLOGIST_ROLE)
        || grant.hasRole(SmartGrant.SYSTEM_ROLE) && maintainingFacilities.contains(grant.facility());
  }

  @Override
  protected void handleDeny(RequestDetails request, Verdict verdict) {
    String operation = request.getRestOperationType() == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
        || request.getRestOperationType() == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
        || request.getRestOperationType() == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
        ? request.getOperation()
        : request.getRestOperationType() == null ? "this request" : request.getRestOperationType().getCode();
    throw new ForbiddenOperationException(Codes.of(1380) + operation + " changes the national terminology: it needs"
        + " realm role " + TERMINOLOGIST_ROLE + " or a service account of " + maintainingFacilities
        + "; any valid token may read");
  }
}
