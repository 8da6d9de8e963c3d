package health.sihha.hie.ministry;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import health.sihha.hie.interceptors.Codes;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps the national store's FHIR endpoint read-only: every resource in it comes from a provider through the
 * ingestion endpoint, stamped with its source, so a direct write would break that guarantee. The registry
 * operations named at construction may be posted: they change patient links, not what providers sent; so may
 * {@code $reconcile}, which writes only through the ingestion path.
 */
@Interceptor
final class ReadOnlyStoreInterceptor {

  private static final Set<RestOperationTypeEnum> READS = EnumSet.of(
      RestOperationTypeEnum.METADATA,
      RestOperationTypeEnum.READ,
      RestOperationTypeEnum.VREAD,
      RestOperationTypeEnum.SEARCH_TYPE,
      RestOperationTypeEnum.SEARCH_SYSTEM,
      RestOperationTypeEnum.HISTORY_INSTANCE,
      RestOperationTypeEnum.HISTORY_TYPE,
      RestOperationTypeEnum.HISTORY_SYSTEM,
      RestOperationTypeEnum.GET_PAGE,
      RestOperationTypeEnum.GRAPHQL_REQUEST);

  /**
   * Operations that change no resource but through the ingestion path, under its locks and version checks
   * ({@code $reconcile}), or only the ministry's own tables (the witness's check).
   */
  private static final Set<String> INGESTING_OPERATIONS = Set.of("$reconcile", "$ledger-witness-check");

  private final Set<String> registryOperations;

  ReadOnlyStoreInterceptor(Set<String> registryOperations) {
    this.registryOperations = Set.copyOf(registryOperations);
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void refuseWrites(RequestDetails request, RestOperationTypeEnum operation) {
    if (READS.contains(operation) || isIdempotentOperation(request, operation)
        || isExtended(operation) && (registryOperations.contains(request.getOperation())
            || INGESTING_OPERATIONS.contains(request.getOperation()))) {
      return;
    }
    throw new MethodNotAllowedException(Codes.of(1101) + operation.getCode()
        + " is not allowed on the national store: data arrives from providers through their subscriptions");
  }

  private static boolean isIdempotentOperation(RequestDetails request, RestOperationTypeEnum operation) {
    return isExtended(operation) && "GET".equals(request.getRequestType().name());
  }

  private static boolean isExtended(RestOperationTypeEnum operation) {
    return operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
        || operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
        || operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE;
  }
}
