package health.sihha.hie.server.consent;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import health.sihha.hie.interceptors.consent.PatientConsents;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.Consent;

/**
 * The patients' active Consents in the server's own FHIR store, searched as the server itself
 * ({@link SystemRequestDetails}: no token, no scope check) on every call: one indexed search per response, and never
 * a stale answer after a Consent is recorded, updated or revoked.
 */
public final class StoredConsents implements PatientConsents {

  private final IFhirResourceDao<Consent> consents;

  public StoredConsents(DaoRegistry daos) {
    this.consents = requireNonNull(daos).getResourceDao(Consent.class);
  }

  @Override
  public List<Consent> active(Collection<String> patientIds) {
    if (patientIds.isEmpty()) {
      return List.of();
    }
    ReferenceOrListParam patients = new ReferenceOrListParam();
    patientIds.forEach(id -> patients.addOr(new ReferenceParam("Patient/" + id)));
    SearchParameterMap query = SearchParameterMap.newSynchronous()
        .add(Consent.SP_PATIENT, patients)
        .add(Consent.SP_STATUS, new TokenParam(Consent.ConsentState.ACTIVE.toCode()));
    return search(query);
  }

  @Override
  public List<Consent> allActive() {
    return search(SearchParameterMap.newSynchronous()
        .add(Consent.SP_STATUS, new TokenParam(Consent.ConsentState.ACTIVE.toCode())));
  }

  private List<Consent> search(SearchParameterMap query) {
    return consents.search(query, new SystemRequestDetails()).getAllResources().stream()
        .map(Consent.class::cast).toList();
  }
}
