package health.sihha.hie.interceptors.security;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A search that answers with a number of matches rather than only the matches themselves ({@code _summary=count},
 * or {@code _total} asked for): the number covers every match, including those the requester could never be shown,
 * so what checks the returned resources alone cannot protect it. Also which patients such a search names.
 */
public final class CountingSearch {

  private static final Set<String> PATIENT_PARAMS = Set.of("patient", "subject", "subject:Patient", "patient:Patient",
      "beneficiary", "beneficiary:Patient");

  private CountingSearch() {}

  /** Whether {@code request} is a search whose answer includes a count of its matches. */
  public static boolean isCounting(RequestDetails request) {
    RestOperationTypeEnum type = request.getRestOperationType();
    if (type != RestOperationTypeEnum.SEARCH_TYPE && type != RestOperationTypeEnum.SEARCH_SYSTEM) {
      return false;
    }
    Map<String, String[]> params = request.getParameters();
    String[] summary = params.get(Constants.PARAM_SUMMARY);
    String[] total = params.get(Constants.PARAM_SEARCH_TOTAL_MODE);
    return summary != null && Arrays.stream(summary).anyMatch(SummaryEnum.COUNT.getCode()::equalsIgnoreCase)
        || total != null && Arrays.stream(total).anyMatch(t -> !"none".equalsIgnoreCase(t));
  }

  /**
   * The ids (without {@code Patient/}) of the patients the search names: values of its patient and subject
   * parameters, and {@code _id} of a Patient search. Empty when it names none, that is, counts across patients.
   */
  public static Set<String> namedPatients(RequestDetails request) {
    Set<String> patients = new LinkedHashSet<>();
    request.getParameters().forEach((name, values) -> {
      boolean patientIds = "Patient".equals(request.getResourceName()) && Constants.PARAM_ID.equals(name);
      if (patientIds || PATIENT_PARAMS.contains(name)) {
        for (String value : values) {
          for (String one : value.split(",")) {
            patients.add(one.trim().replaceFirst("^.*Patient/", ""));
          }
        }
      }
    });
    return patients;
  }
}
