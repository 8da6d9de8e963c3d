package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.time.Clock;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Adds a row to the outbox for every write of an aggregated type, in the write's own transaction (the pre-commit
 * hooks run inside it and the row goes through its JPA session), so a write that rolls back leaves no row and a
 * committed one always has its row, with the resource as written.
 */
@Interceptor
final class OutboxWriter {

  private final OutboxRows outbox;
  private final FhirContext fhirContext;
  private final Set<String> aggregatedTypes;
  private final Clock clock;

  OutboxWriter(OutboxRows outbox, FhirContext fhirContext, Set<String> aggregatedTypes, Clock clock) {
    this.outbox = requireNonNull(outbox);
    this.fhirContext = requireNonNull(fhirContext);
    this.aggregatedTypes = Set.copyOf(aggregatedTypes);
    this.clock = requireNonNull(clock);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    add(resource, Operation.CREATE, true);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource) {
    add(resource, Operation.UPDATE, true);
  }

  /** HAPI hands over the resource as it was, under the id of the deletion's own version. */
  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
  public void deleted(IBaseResource resource) {
    add(resource, Operation.DELETE, false);
  }

  private void add(IBaseResource resource, Operation operation, boolean withPayload) {
    String type = fhirContext.getResourceType(resource);
    if (!aggregatedTypes.contains(type)) {
      return;
    }
    outbox.add(new Written(type, resource.getIdElement().getIdPart(), resource.getIdElement().getVersionIdPartAsLong(),
        operation, clock.instant(),
        withPayload ? fhirContext.newJsonParser().encodeResourceToString(resource) : null));
  }
}
