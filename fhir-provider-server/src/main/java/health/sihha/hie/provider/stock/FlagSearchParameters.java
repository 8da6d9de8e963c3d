package health.sihha.hie.provider.stock;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.registry.ISearchParamRegistryController;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * R4 has no {@code code} or {@code status} search parameter on Flag; these two make stock Flags searchable and
 * subscribable ({@code Flag?code=https://sihha.health/fhir/CodeSystem/stock-flag|low-stock&status=active}). Each
 * has a fixed id and is written only when missing or different, so restarts add no versions.
 */
final class FlagSearchParameters {

  static final String CODE = "code";
  static final String STATUS = "status";

  private final IFhirResourceDao<SearchParameter> searchParameters;
  private final ISearchParamRegistryController registry;

  FlagSearchParameters(IFhirResourceDao<SearchParameter> searchParameters, ISearchParamRegistryController registry) {
    this.searchParameters = searchParameters;
    this.registry = registry;
  }

  void ensure() {
    for (SearchParameter wanted : List.of(wanted(CODE, "Flag.code"), wanted(STATUS, "Flag.status"))) {
      if (!exists(wanted)) {
        searchParameters.update(wanted, new SystemRequestDetails());
      }
    }
    registry.refreshCacheIfNecessary();
  }

  private boolean exists(SearchParameter wanted) {
    try {
      SearchParameter existing = searchParameters.read(wanted.getIdElement(), new SystemRequestDetails());
      return wanted.getExpression().equals(existing.getExpression()) && existing.getStatus() == wanted.getStatus();
    } catch (ResourceNotFoundException | ResourceGoneException missing) {
      return false;
    }
  }

  private static SearchParameter wanted(String code, String expression) {
    SearchParameter parameter = new SearchParameter();
    parameter.setId(new IdType("SearchParameter", "sihha-flag-" + code));
    parameter.setUrl("https://sihha.health/fhir/SearchParameter/flag-" + code);
    parameter.setName("flag-" + code);
    parameter.setStatus(PublicationStatus.ACTIVE);
    parameter.setDescription("Flag." + code + " (not searchable in R4 FHIR)");
    parameter.setCode(code);
    parameter.addBase("Flag");
    parameter.setType(SearchParamType.TOKEN);
    parameter.setExpression(expression);
    return parameter;
  }
}
