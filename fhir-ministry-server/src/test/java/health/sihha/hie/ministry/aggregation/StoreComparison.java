package health.sihha.hie.ministry.aggregation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import health.sihha.hie.ministry.ingest.NationalIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Compares the national store with a provider, resource by resource and by content: every current resource of a
 * type at the provider must be at the ministry under its national id, equal to the provider's version once ids and
 * references are rewritten, and nothing of that provider may be at the ministry that the provider no longer holds.
 * Meta's version, time and source and the source tag differ by design. Searches bypass HAPI's search cache, which
 * would otherwise answer a repeated search with the result of a minute ago.
 */
final class StoreComparison {

  static final String SOURCE_SYSTEM = "https://sihha.health/fhir/CodeSystem/source-provider";
  static final String PLACEHOLDER = "http://hapifhir.io/fhir/StructureDefinition/resource-placeholder";

  private final FhirContext fhirContext;
  private final FhirTerser terser;

  StoreComparison(FhirContext fhirContext) {
    this.fhirContext = fhirContext;
    this.terser = fhirContext.newTerser();
  }

  /** Every difference between the provider's {@code type} and the ministry's copy of it; empty when equal. */
  List<String> differences(String providerId, String type, IGenericClient provider, IGenericClient ministry) {
    Map<String, Resource> atProvider = all(provider, type, null);
    Map<String, Resource> atMinistry = all(ministry, type, providerId);
    List<String> differences = new ArrayList<>();
    atProvider.forEach((id, source) -> {
      String nationalId = NationalIds.of(providerId, id);
      Resource national = atMinistry.remove(nationalId);
      if (national == null) {
        differences.add(type + "/" + id + " is missing at the ministry");
        return;
      }
      difference(source, national, providerId, provider.getServerBase()).ifPresent(differences::add);
    });
    atMinistry.keySet().forEach(id -> differences.add(type + "/" + id + " is at the ministry only"));
    return differences;
  }

  /** Every difference between the provider's current versions of {@code ids} and their national copies. */
  List<String> differences(String providerId, List<IdType> ids, IGenericClient provider, IGenericClient ministry) {
    List<String> differences = new ArrayList<>();
    for (IdType id : ids) {
      Resource source = (Resource) provider.read().resource(id.getResourceType()).withId(id.getIdPart())
          .cacheControl(new CacheControlDirective().setNoCache(true)).execute();
      Resource national;
      try {
        national = (Resource) ministry.read().resource(id.getResourceType())
            .withId(NationalIds.of(providerId, id.getIdPart())).execute();
      } catch (ResourceNotFoundException | ResourceGoneException absent) {
        differences.add(id.getValue() + " is missing at the ministry");
        continue;
      }
      difference(source, national, providerId, provider.getServerBase()).ifPresent(differences::add);
    }
    return differences;
  }

  /** National resources of any type that are HAPI placeholders, which must never outlive the real resource. */
  List<String> placeholders(IGenericClient ministry, String type) {
    return all(ministry, type, null).values().stream()
        .filter(r -> r.getMeta().getExtension().stream().anyMatch(e -> PLACEHOLDER.equals(e.getUrl()))
            || r instanceof DomainResource domain
                && domain.getExtension().stream().anyMatch(e -> PLACEHOLDER.equals(e.getUrl())))
        .map(r -> type + "/" + r.getIdElement().getIdPart())
        .toList();
  }

  private Optional<String> difference(Resource source, Resource national, String providerId, String providerBase) {
    String expected = comparable(expectedCopy(source, providerId, providerBase));
    String actual = comparable(national);
    return expected.equals(actual) ? Optional.empty() : Optional.of(source.fhirType() + "/"
        + source.getIdElement().getIdPart() + " differs at the ministry:\n  provider " + expected
        + "\n  ministry " + actual);
  }

  private Resource expectedCopy(Resource source, String providerId, String providerBase) {
    Resource copy = source.copy();
    copy.setId(new IdType(source.fhirType(), NationalIds.of(providerId, source.getIdElement().getIdPart())));
    for (ResourceReferenceInfo info : terser.getAllResourceReferences(copy)) {
      IIdType target = info.getResourceReference().getReferenceElement();
      boolean local = target != null && !target.isEmpty() && !target.isLocal()
          && !target.getValue().startsWith("urn:") && target.hasResourceType() && target.hasIdPart()
          && (!target.hasBaseUrl() || stripSlash(target.getBaseUrl()).equals(stripSlash(providerBase)));
      if (local) {
        info.getResourceReference().setReference(target.getResourceType() + "/"
            + NationalIds.of(providerId, target.getIdPart()));
      }
    }
    return copy;
  }

  private String comparable(Resource resource) {
    Resource copy = resource.copy();
    copy.setId(copy.getIdElement().toUnqualifiedVersionless());
    copy.getMeta().setVersionId(null).setLastUpdated(null).setSource(null);
    copy.getMeta().getTag().removeIf(tag -> SOURCE_SYSTEM.equals(tag.getSystem()));
    // the ministry labels sensitive content from its codes before sealing it
    copy.getMeta().setSecurity(null);
    return fhirContext.newJsonParser().setPrettyPrint(false).encodeResourceToString(copy);
  }

  /** All current resources of {@code type} on a server, by id; only those tagged with {@code sourceTag} if given. */
  private Map<String, Resource> all(IGenericClient client, String type, String sourceTag) {
    var search = client.search().forResource(type).count(500)
        .cacheControl(new CacheControlDirective().setNoCache(true));
    if (sourceTag != null) {
      search = search.withTag(SOURCE_SYSTEM, sourceTag);
    }
    Bundle page = search.returnBundle(Bundle.class).execute();
    Map<String, Resource> resources = new HashMap<>();
    while (true) {
      for (IBaseResource resource : BundleUtil.toListOfResources(fhirContext, page)) {
        resources.put(resource.getIdElement().getIdPart(), (Resource) resource);
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return resources;
      }
      page = client.loadPage().next(page).execute();
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
