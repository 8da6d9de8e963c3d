package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.storage.interceptor.AutoCreatePlaceholderReferenceTargetRequest;
import ca.uhn.fhir.storage.interceptor.AutoCreatePlaceholderReferenceTargetResponse;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * HAPI writes a placeholder where a reference names a resource it cannot find, deleted ones included; a resource the
 * provider deleted stays deleted, so no placeholder is written over it and the reference is stored as it is.
 */
@Interceptor
final class PlaceholderGuard {

  private final DaoRegistry daos;

  PlaceholderGuard(DaoRegistry daos) {
    this.daos = requireNonNull(daos);
  }

  @Hook(Pointcut.STORAGE_PRE_AUTO_CREATE_PLACEHOLDER_REFERENCE)
  public AutoCreatePlaceholderReferenceTargetResponse guard(AutoCreatePlaceholderReferenceTargetRequest request) {
    IIdType target = request.getTargetResourceToCreate().getIdElement().toUnqualifiedVersionless();
    try {
      daos.getResourceDao(target.getResourceType()).read(target, new SystemRequestDetails());
    } catch (ResourceGoneException deleted) {
      return AutoCreatePlaceholderReferenceTargetResponse.doNotCreateTarget();
    } catch (ResourceNotFoundException absent) {
      return AutoCreatePlaceholderReferenceTargetResponse.proceed();
    }
    return AutoCreatePlaceholderReferenceTargetResponse.doNotCreateTarget();
  }
}
