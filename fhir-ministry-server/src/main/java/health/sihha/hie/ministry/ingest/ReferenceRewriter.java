package health.sihha.hie.ministry.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.util.FhirTerser;
import health.sihha.hie.interceptors.Codes;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;

/**
 * Points a provider's references at the national ids of their targets: {@code Patient/123} from provider-a becomes
 * {@code Patient/provider-a.123}, so whatever a provider delivers can only ever name national records of its own
 * source. Absolute references to the provider's own base are treated as relative; an absolute reference to any other
 * server (another provider, the national store itself) leaves the provider's namespace and is refused with 422.
 * Contained ({@code #x}), logical (identifier only) and {@code urn:} references are left as they are.
 */
final class ReferenceRewriter {

  private final FhirTerser terser;

  ReferenceRewriter(FhirContext fhirContext) {
    this.terser = fhirContext.newTerser();
  }

  /** Rewrites the references of {@code resource}; the provider's ids they named, {@code Type/id}. */
  List<IIdType> toNational(IBaseResource resource, String providerId, String providerBase) {
    List<IIdType> targets = new ArrayList<>();
    for (ResourceReferenceInfo info : terser.getAllResourceReferences(resource)) {
      IBaseReference reference = info.getResourceReference();
      IIdType target = reference.getReferenceElement();
      if (!isResourceReference(target)) {
        continue;
      }
      if (target.hasBaseUrl() && !stripSlash(target.getBaseUrl()).equals(stripSlash(providerBase))) {
        throw new UnprocessableEntityException(Codes.of(1104) + info.getName() + " of " + resource.fhirType()
            + " refers to another server (" + target.getBaseUrl() + "): a provider delivers only references to its"
            + " own resources");
      }
      targets.add(new IdType(target.getResourceType(), target.getIdPart()));
      reference.setReference(target.getResourceType() + "/" + NationalIds.of(providerId, target.getIdPart()));
    }
    return targets;
  }

  private static boolean isResourceReference(IIdType target) {
    if (target == null || target.isEmpty() || target.isLocal() || target.getValue().startsWith("urn:")) {
      return false;
    }
    return target.hasResourceType() && target.hasIdPart();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
