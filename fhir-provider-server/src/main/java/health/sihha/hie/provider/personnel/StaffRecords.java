package health.sihha.hie.provider.personnel;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;

/**
 * A practitioner and its roles as stored, read as the server ({@link SystemRequestDetails}: the account follows the
 * records whatever the writer may read) and, on the thread of a write, inside its transaction.
 */
final class StaffRecords {

  private final IFhirResourceDao<Practitioner> practitioners;
  private final IFhirResourceDao<PractitionerRole> roles;

  StaffRecords(IFhirResourceDao<Practitioner> practitioners, IFhirResourceDao<PractitionerRole> roles) {
    this.practitioners = practitioners;
    this.roles = roles;
  }

  /** The Practitioner {@code id}, or null when it does not exist (any more). */
  @Nullable
  Practitioner practitioner(String id) {
    try {
      return practitioners.read(new IdType("Practitioner", id), new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return null;
    }
  }

  /**
   * The PractitionerRoles of Practitioner {@code id}, the one being written ({@code changedId}) replaced by
   * {@code changed} as it is about to be stored (null when it is being deleted).
   */
  List<PractitionerRole> rolesOf(String id, @Nullable String changedId, @Nullable PractitionerRole changed) {
    SearchParameterMap search = SearchParameterMap.newSynchronous(PractitionerRole.SP_PRACTITIONER,
        new ReferenceParam("Practitioner/" + id));
    List<PractitionerRole> found = new ArrayList<>(roles.searchForResources(search, new SystemRequestDetails())
        .stream().filter(role -> !role.getIdElement().getIdPart().equals(changedId)).toList());
    if (changed != null) {
      found.add(changed);
    }
    return found;
  }
}
