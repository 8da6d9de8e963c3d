package health.sihha.hie.ministry.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Points a provider's references at the national ids of their targets: {@code Patient/123} from provider-a becomes
 * {@code Patient/provider-a.123}. Contained ({@code #x}), logical, {@code urn:} and other servers' absolute
 * references are left as they are; absolute references to the provider's own base are treated as relative.
 */
final class ReferenceRewriter {

  private final FhirTerser terser;

  ReferenceRewriter(FhirContext fhirContext) {
    this.terser = fhirContext.newTerser();
  }

  void toNational(IBaseResource resource, String providerId, String providerBase) {
    for (ResourceReferenceInfo info : terser.getAllResourceReferences(resource)) {
      IBaseReference reference = info.getResourceReference();
      IIdType target = reference.getReferenceElement();
      if (isProviderLocal(target, providerBase)) {
        reference.setReference(target.getResourceType() + "/" + NationalIds.of(providerId, target.getIdPart()));
      }
    }
  }

  private static boolean isProviderLocal(IIdType target, String providerBase) {
    if (target == null || target.isEmpty() || target.isLocal() || target.getValue().startsWith("urn:")) {
      return false;
    }
    if (!target.hasResourceType() || !target.hasIdPart()) {
      return false;
    }
    return !target.hasBaseUrl() || stripSlash(target.getBaseUrl()).equals(stripSlash(providerBase));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
