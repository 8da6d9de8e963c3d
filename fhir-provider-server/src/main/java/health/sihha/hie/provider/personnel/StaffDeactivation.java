package health.sihha.hie.provider.personnel;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;

/**
 * Takes a practitioner off the staff: the Practitioner and each of its active PractitionerRoles become inactive, the
 * roles ending on the given date, all in one transaction (each update pinned to the version read, so a concurrent
 * change makes the whole deactivation fail with 409 rather than overwrite it).
 */
final class StaffDeactivation {

  private final IFhirResourceDao<Practitioner> practitioners;
  private final IFhirResourceDao<PractitionerRole> roles;
  private final IFhirSystemDao<Bundle, Meta> system;

  StaffDeactivation(IFhirResourceDao<Practitioner> practitioners, IFhirResourceDao<PractitionerRole> roles,
      IFhirSystemDao<Bundle, Meta> system) {
    this.practitioners = practitioners;
    this.roles = roles;
    this.system = system;
  }

  /** The transaction-response: one entry for the Practitioner, one per role deactivated. */
  Bundle deactivate(IIdType practitionerId, Date end, RequestDetails request) {
    Practitioner practitioner = practitioners.read(practitionerId.toUnqualifiedVersionless(), request);
    Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
    practitioner.setActive(false);
    addUpdate(transaction, practitioner);

    SearchParameterMap activeRoles = SearchParameterMap.newSynchronous()
        .add(PractitionerRole.SP_PRACTITIONER, new ReferenceParam(practitioner.getIdElement().toVersionless()))
        .add(PractitionerRole.SP_ACTIVE, new TokenParam("true"));
    for (IBaseResource found : roles.search(activeRoles, request).getAllResources()) {
      PractitionerRole role = (PractitionerRole) found;
      role.setActive(false);
      if (!role.getPeriod().hasEnd() || role.getPeriod().getEnd().after(end)) {
        role.getPeriod().setEnd(end);
      }
      addUpdate(transaction, role);
    }
    return system.transaction(request, transaction);
  }

  private static void addUpdate(Bundle transaction, Resource resource) {
    IIdType id = resource.getIdElement();
    transaction.addEntry().setResource(resource).getRequest().setMethod(HTTPVerb.PUT)
        .setUrl(id.toUnqualifiedVersionless().getValue()).setIfMatch("W/\"" + id.getVersionIdPart() + "\"");
  }
}
