package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * The ingestion endpoint for one resource type: a provider's rest-hook delivers each created or updated resource
 * as {@code PUT <ministry>/ingest/<provider>/<type>/<id>}, and each deletion as {@code DELETE} on the same URL.
 */
final class IngestionResourceProvider implements IResourceProvider {

  private final Class<? extends IBaseResource> type;
  private final IngestionService ingestion;

  IngestionResourceProvider(Class<? extends IBaseResource> type, IngestionService ingestion) {
    this.type = requireNonNull(type);
    this.ingestion = requireNonNull(ingestion);
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return type;
  }

  @Update
  public MethodOutcome receive(@IdParam IdType id, @ResourceParam IBaseResource resource, RequestDetails request) {
    return ingestion.store(request.getTenantId(), id, resource);
  }

  @Delete
  public MethodOutcome receiveDeletion(@IdParam IdType id, RequestDetails request) {
    return ingestion.remove(request.getTenantId(), id);
  }
}
