package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.EnumSet;
import java.util.Set;

/**
 * One narrow, explicit grant a server makes to another organisation: the service accounts (realm role
 * {@code system}) of {@code facility} may use these interactions here, within their scopes, and nothing else. Every
 * other token of another facility is refused, whatever it holds.
 *
 * @param facility the other organisation's facility id, e.g. {@code ministry}
 * @param interactions the REST interactions it may use
 * @param operations the extended operations it may call, e.g. {@code $events}
 */
public record CrossFacilityAccess(String facility, Set<RestOperationTypeEnum> interactions, Set<String> operations) {

  private static final Set<RestOperationTypeEnum> EXTENDED = EnumSet.of(
      RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
      RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);

  public CrossFacilityAccess {
    requireNonNull(facility);
    interactions = Set.copyOf(interactions);
    operations = Set.copyOf(operations);
  }

  /**
   * What the national store needs to reconcile its copy with a provider and witness its ledger: the provider's
   * history (to compare and re-fetch versions), its subscription {@code $events} and {@code $status}, and its ledger's
   * signed tree heads, public key and consistency proofs (hashes and signatures only), read-only.
   */
  public static CrossFacilityAccess reconciliation(String facility) {
    return new CrossFacilityAccess(facility, EnumSet.of(RestOperationTypeEnum.HISTORY_SYSTEM,
        RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_INSTANCE), Set.of("$events", "$status",
        "$ledger-tree-heads", "$ledger-public-key", "$ledger-consistency"));
  }

  /** Whether this grant lets {@code grant} make {@code request}. */
  public boolean allows(SmartGrant grant, RequestDetails request) {
    if (!facility.equals(grant.facility()) || !grant.hasRole(SmartGrant.SYSTEM_ROLE)) {
      return false;
    }
    RestOperationTypeEnum type = request.getRestOperationType();
    if (EXTENDED.contains(type)) {
      return operations.contains(request.getOperation());
    }
    return type != null && interactions.contains(type);
  }
}
