package health.sihha.hie.provider.validation;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;

/**
 * The resources a create, an update or a transaction will store, as the request carries them: HAPI stores these very
 * objects. The validator can check them before HAPI opens the write's transaction, since what HAPI changes on the
 * way (ids, and references between a transaction's entries rewritten from {@code urn:uuid:} to the new ids) is not
 * what it checks: it does not resolve references, and HAPI's storage checks their target types. A batch is left out:
 * its entries succeed or fail one by one, at storage.
 */
final class PendingWrites {

  private PendingWrites() {}

  static List<IBaseResource> of(RequestDetails request, RestOperationTypeEnum operation) {
    IBaseResource body = request.getResource();
    if (body == null) {
      return List.of();
    }
    return switch (operation) {
      case CREATE, UPDATE -> List.of(body);
      // HAPI reports a batch as a transaction too
      case TRANSACTION -> body instanceof Bundle bundle && bundle.getType() == BundleType.TRANSACTION
          ? entries(bundle) : List.of();
      default -> List.of();
    };
  }

  private static List<IBaseResource> entries(Bundle transaction) {
    return transaction.getEntry().stream()
        .filter(entry -> entry.getResource() != null && isWrite(entry))
        .map(entry -> (IBaseResource) entry.getResource())
        .toList();
  }

  private static boolean isWrite(BundleEntryComponent entry) {
    HTTPVerb method = entry.getRequest().getMethod();
    return method == HTTPVerb.POST || method == HTTPVerb.PUT;
  }
}
