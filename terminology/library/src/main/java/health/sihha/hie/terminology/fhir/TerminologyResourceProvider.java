package health.sihha.hie.terminology.fhir;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.Terminology;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * Create, read, update, delete and search for one terminology resource type, over the registry. Search answers from
 * metadata held in memory; read returns the stored resource in full.
 */
abstract class TerminologyResourceProvider<T extends MetadataResource> implements IResourceProvider {

  protected final Terminology terminology;
  private final Class<T> type;
  private final ResourceType resourceType;

  TerminologyResourceProvider(Terminology terminology, Class<T> type, ResourceType resourceType) {
    this.terminology = terminology;
    this.type = type;
    this.resourceType = resourceType;
  }

  @Override
  public Class<T> getResourceType() {
    return type;
  }

  @Read
  public T read(@IdParam IdType id) {
    return terminology.registry().read(type, id.getIdPart());
  }

  @Search(allowUnknownParams = false)
  public List<MetadataResource> search(
      @OptionalParam(name = "url") UriParam url,
      @OptionalParam(name = "version") TokenParam version,
      @OptionalParam(name = "name") StringParam name,
      @OptionalParam(name = "title") StringParam title,
      @OptionalParam(name = "status") TokenParam status) {
    return terminology.registry().snapshot().summaries(resourceType).stream()
        .filter(r -> url == null || url.getValue().equals(r.getUrl()))
        .filter(r -> version == null || version.getValue().equals(r.getVersion()))
        .filter(r -> name == null || startsWith(r.getName(), name))
        .filter(r -> title == null || startsWith(r.getTitle(), title))
        .filter(r -> status == null || (r.hasStatus() && status.getValue().equals(r.getStatus().toCode())))
        .sorted((a, b) -> a.getIdElement().getIdPart().compareTo(b.getIdElement().getIdPart()))
        .toList();
  }

  @Create
  public MethodOutcome create(@ResourceParam T resource) {
    resource.setId((IIdType) null);
    return outcome(terminology.registry().put(resource), true);
  }

  @Update
  public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource) {
    if (resource.getIdElement().hasIdPart() && !resource.getIdElement().getIdPart().equals(id.getIdPart())) {
      throw new InvalidRequestException(Codes.of(1361) + "the resource id " + resource.getIdElement().getIdPart()
          + " differs from the id in the URL " + id.getIdPart());
    }
    resource.setId(id.getIdPart());
    boolean created = terminology.registry().snapshot().summary(resourceType, id.getIdPart()).isEmpty();
    return outcome(terminology.registry().put(resource), created);
  }

  @Delete
  public MethodOutcome delete(@IdParam IdType id) {
    if (!terminology.registry().delete(resourceType, id.getIdPart())) {
      throw new ResourceNotFoundException(Codes.of(1362) + resourceType + "/" + id.getIdPart() + " is not known here");
    }
    return new MethodOutcome(id);
  }

  private static boolean startsWith(String value, StringParam prefix) {
    return value != null && value.toLowerCase(Locale.ROOT).startsWith(prefix.getValue().toLowerCase(Locale.ROOT));
  }

  private static MethodOutcome outcome(MetadataResource stored, boolean created) {
    MethodOutcome outcome = new MethodOutcome(stored.getIdElement().withVersion(stored.getMeta().getVersionId()));
    outcome.setCreated(created);
    outcome.setResource(stored);
    return outcome;
  }
}
