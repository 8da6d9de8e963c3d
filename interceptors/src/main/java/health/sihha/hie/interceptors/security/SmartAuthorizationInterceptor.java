package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.SmartScope.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * SMART on FHIR authorization: the request's bearer token (401 without a valid one) becomes HAPI rules, default
 * deny, from its scopes ({@link ScopeRules}); the clinical roles then restrict writes ({@link ClinicalRolePolicy}).
 *
 * <p>{@code /metadata} is open to all (the SMART discovery document is answered before this interceptor runs). An
 * organisation's credentials reach only that organisation's data: every token, of a user, a patient launch or a
 * service account, whose {@code facility} claim is not this server's facility is refused outright, unless one of
 * the server's {@link CrossFacilityAccess explicit cross-facility grants} allows that very interaction. Requests the
 * server makes to itself ({@link SystemRequestDetails}) are not HTTP requests and are allowed.
 */
@Interceptor(order = HieOrder.AUTHORIZATION)
public final class SmartAuthorizationInterceptor extends AuthorizationInterceptor {

  private final SmartGrants grants;
  private final String facilityId;
  private final ClinicalRolePolicy roles;
  private final List<OperationPermission> operations;
  private final List<CrossFacilityAccess> crossFacility;

  /** With the {@link OperationPermission#STANDARD standard operations} only and no cross-facility grant. */
  public SmartAuthorizationInterceptor(SmartGrants grants, String facilityId, ClinicalRolePolicy roles) {
    this(grants, facilityId, roles, OperationPermission.STANDARD, List.of());
  }

  /**
   * @param grants how the request's token is verified
   * @param facilityId the facility this server belongs to, compared with {@code user/} tokens' {@code facility}
   * @param roles the clinical-role restrictions
   * @param operations the extended operations this server offers and what each needs; any other is refused
   * @param crossFacility what other organisations' service accounts may do here; nothing else of theirs passes
   */
  public SmartAuthorizationInterceptor(SmartGrants grants, String facilityId, ClinicalRolePolicy roles,
      List<OperationPermission> operations, List<CrossFacilityAccess> crossFacility) {
    super(PolicyEnum.DENY);
    this.grants = requireNonNull(grants);
    this.facilityId = requireNonNull(facilityId);
    this.roles = requireNonNull(roles);
    this.operations = List.copyOf(operations);
    this.crossFacility = List.copyOf(crossFacility);
  }

  @Override
  public List<IAuthRule> buildRuleList(RequestDetails request) {
    if (request instanceof SystemRequestDetails) {
      return new RuleBuilder().allowAll("the server's own requests").build();
    }
    if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
      return new RuleBuilder().allow("metadata is open").metadata().andThen().denyAll("metadata only denyAll").build();
    }
    SmartGrant grant = grants.require(request);
    if (!facilityId.equals(grant.facility()) && crossFacility.stream().noneMatch(a -> a.allows(grant, request))) {
      throw new ForbiddenOperationException(Codes.of(1020) + "this server serves facility " + facilityId
          + "; the token belongs to " + (grant.facility() == null ? "no facility" : grant.facility()));
    }
    if (CountingSearch.isCounting(request) && onlyPatientContext(grant)
        && (grant.patient() == null || !Set.of(grant.patient()).equals(CountingSearch.namedPatients(request)))) {
      throw new ForbiddenOperationException(Codes.of(1022) + "a patient-context token counts only its own patient's"
          + " data: name that patient, and only that patient, in the search");
    }
    return new ArrayList<>(ScopeRules.of(grant, operations));
  }

  private static boolean onlyPatientContext(SmartGrant grant) {
    return grant.scopes().resourceScopes().stream().allMatch(scope -> scope.context() == Context.PATIENT);
  }

  @Override
  protected void handleDeny(RequestDetails request, Verdict verdict) {
    String target = request.getId() != null && request.getId().hasIdPart()
        ? request.getId().toUnqualifiedVersionless().getValue()
        : Optional.ofNullable(request.getResourceName()).orElse("the server");
    String operation = request.getRestOperationType() == null ? "this request" : request.getRestOperationType().getCode();
    throw new ForbiddenOperationException(Codes.of(1021) + "access denied: no scope of this token allows " + operation
        + " on " + target + " or a resource it returns");
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void rolesOnCreate(RequestDetails request, IBaseResource resource) {
    grantOf(request).ifPresent(grant -> roles.checkWrite(grant, null, resource));
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void rolesOnUpdate(RequestDetails request, IBaseResource previous, IBaseResource updated) {
    grantOf(request).ifPresent(grant -> roles.checkWrite(grant, previous, updated));
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
  public void rolesOnDelete(RequestDetails request, IBaseResource resource) {
    grantOf(request).ifPresent(grant -> roles.checkDelete(grant, resource));
  }

  private static Optional<SmartGrant> grantOf(RequestDetails request) {
    return request == null || request instanceof SystemRequestDetails ? Optional.empty() : SmartGrants.verified(request);
  }
}
