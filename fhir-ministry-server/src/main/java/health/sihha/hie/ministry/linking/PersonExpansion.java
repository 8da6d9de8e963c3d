package health.sihha.hie.ministry.linking;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;

/**
 * {@code Patient/<person>/$everything} across providers: HAPI's {@code $everything} (with all its parameters and
 * paging) runs on the patient ids of its {@code _id}; this adds the provider records linked to a person record, so
 * the answer holds the person, its records and everything in their compartments. For a provider record,
 * {@code _mdm=true} (HAPI's flag for following links) adds its person and that person's other records.
 * HAPI's own MDM expansion does the same from its MDM link table, which this server does not use.
 */
@Interceptor
final class PersonExpansion {

  private final LinkStore store;

  PersonExpansion(LinkStore store) {
    this.store = store;
  }

  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void expand(SearchParameterMap search, ICachedSearchDetails details) {
    if (search.getEverythingMode() == null || !"Patient".equals(details.getResourceType())) {
      return;
    }
    List<List<IQueryParameterType>> ids = search.get(IAnyResource.SP_RES_ID);
    if (ids == null) {
      return;
    }
    for (List<IQueryParameterType> orList : ids) {
      Set<String> present = new LinkedHashSet<>();
      List<IQueryParameterType> added = new ArrayList<>();
      for (IQueryParameterType param : orList) {
        if (param instanceof TokenParam token && token.getValue() != null) {
          String id = token.getValue().replaceFirst("^Patient/", "");
          present.add(id);
          expansionOf(id, token.isMdmExpand()).forEach(linked -> added.add(new TokenParam(linked)));
        }
      }
      added.stream().filter(p -> present.add(((TokenParam) p).getValue())).forEach(orList::add);
    }
  }

  private List<String> expansionOf(String patientId, boolean followLinks) {
    if (PersonRecords.isPerson(patientId)) {
      return store.linkedTo(patientId).stream().map(PatientLink::recordId).toList();
    }
    if (!followLinks) {
      return List.of();
    }
    return store.linkOf(patientId).map(link -> {
      List<String> all = new ArrayList<>();
      all.add(link.personId());
      store.linkedTo(link.personId()).forEach(other -> all.add(other.recordId()));
      return all;
    }).orElse(List.of());
  }
}
