package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthorizationSearchParamMatcher;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Narrows a HAPI rule made from one scope to the interactions of its letters and, for a query-restricted scope, to
 * requests and resources within the restriction.
 *
 * <p>HAPI's {@code read()} rules cover read and search alike, and {@code write()} covers create and update; this
 * tester tells them apart so that {@code patient/Observation.r} does not allow a search, nor {@code .u} a create.
 *
 * <p>A query restriction ({@code ?category=…|laboratory}) is enforced on searches by the request: each restricted
 * parameter must be present, and one of its occurrences must use only the scope's values (exactly as written: a
 * code without its system would widen the search, so it does not count). Where the server has a search-parameter
 * matcher (HAPI JPA's {@code AuthorizationSearchParamMatcher}), every resource returned or written is matched
 * against the restriction as well; without one, reads and writes under a restricted scope are refused, since
 * nothing could tell whether the resource is within it.
 */
final class ScopeTester implements IAuthRuleTester {

  private final Set<RestOperationTypeEnum> operations;
  private final SmartScope scope;

  ScopeTester(Set<Interaction> interactions, SmartScope scope) {
    this.scope = requireNonNull(scope);
    EnumSet<RestOperationTypeEnum> ops = EnumSet.noneOf(RestOperationTypeEnum.class);
    interactions.forEach(i -> ops.addAll(operations(i)));
    this.operations = ops;
  }

  @Override
  public boolean matches(RuleTestRequest request) {
    if (!operations.contains(request.operation)) {
      return false;
    }
    if (!scope.restricted()) {
      return true;
    }
    if (isSearch(request.operation)) {
      return carriesRestriction(request.requestDetails.getParameters());
    }
    IAuthorizationSearchParamMatcher matcher = request.ruleApplier.getSearchParamMatcher();
    return matcher != null && (request.resource == null || withinRestriction(matcher, request));
  }

  @Override
  public boolean matchesOutput(RuleTestRequest request) {
    if (!operations.contains(request.operation)) {
      return false;
    }
    if (!scope.restricted()) {
      return true;
    }
    IAuthorizationSearchParamMatcher matcher = request.ruleApplier.getSearchParamMatcher();
    if (matcher == null) {
      return isSearch(request.operation) && carriesRestriction(request.requestDetails.getParameters());
    }
    return withinRestriction(matcher, request);
  }

  private boolean withinRestriction(IAuthorizationSearchParamMatcher matcher, RuleTestRequest request) {
    String type = request.resource.fhirType();
    return matcher.match(type + "?" + queryString(), request.resource).match
        == IAuthorizationSearchParamMatcher.Match.MATCH;
  }

  private boolean carriesRestriction(Map<String, String[]> parameters) {
    for (Map.Entry<String, List<String>> restriction : scope.query().entrySet()) {
      String[] occurrences = parameters.get(restriction.getKey());
      if (occurrences == null || Arrays.stream(occurrences).noneMatch(o -> within(o, restriction.getValue()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean within(String occurrence, List<String> allowed) {
    return Arrays.stream(occurrence.split(",", -1)).allMatch(allowed::contains);
  }

  private String queryString() {
    StringBuilder query = new StringBuilder();
    scope.query().forEach((name, values) -> {
      if (!query.isEmpty()) {
        query.append('&');
      }
      query.append(name).append('=').append(String.join(",", values));
    });
    return query.toString();
  }

  private static boolean isSearch(RestOperationTypeEnum operation) {
    return operations(Interaction.SEARCH).contains(operation);
  }

  /** The HAPI operations one SMART permission stands for; operations' outputs count as searches. */
  static Set<RestOperationTypeEnum> operations(Interaction interaction) {
    return switch (interaction) {
      case CREATE -> EnumSet.of(RestOperationTypeEnum.CREATE);
      case READ -> EnumSet.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD,
          RestOperationTypeEnum.HISTORY_INSTANCE);
      case UPDATE -> EnumSet.of(RestOperationTypeEnum.UPDATE);
      case DELETE -> EnumSet.of(RestOperationTypeEnum.DELETE);
      case SEARCH -> EnumSet.of(RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM,
          RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.GET_PAGE,
          RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
          RestOperationTypeEnum.EXTENDED_OPERATION_SERVER);
    };
  }
}
