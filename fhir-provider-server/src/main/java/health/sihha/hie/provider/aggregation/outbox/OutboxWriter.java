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
 * Adds a row to the outbox for every write of an aggregated type, in the write's own transaction (the hooks run
 * inside it and the row goes by JDBC on its connection), so a write that rolls back leaves no row and a committed one
 * always has its row, with the resource as written.
 *
 * <p>A delete's row is added before HAPI stores the deletion, not at pre-commit: at pre-commit Hibernate still holds
 * the deletion's batched statements, and a statement beside them, by JDBC or through the session, made deletes fail
 * now and then with a version conflict (HAPI-0826).
 */
@Interceptor
final class OutboxWriter {

  private final OutboxStore outbox;
  private final FhirContext fhirContext;
  private final Set<String> aggregatedTypes;
  private final Clock clock;

  OutboxWriter(OutboxStore outbox, FhirContext fhirContext, Set<String> aggregatedTypes, Clock clock) {
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

  /** HAPI hands over the current version; its deletion is stored as the next one. */
  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
  public void deleted(IBaseResource resource) {
    add(resource, resource.getIdElement().getVersionIdPartAsLong() + 1, Operation.DELETE, false);
  }

  private void add(IBaseResource resource, Operation operation, boolean withPayload) {
    add(resource, resource.getIdElement().getVersionIdPartAsLong(), operation, withPayload);
  }

  private void add(IBaseResource resource, long version, Operation operation, boolean withPayload) {
    String type = fhirContext.getResourceType(resource);
    if (!aggregatedTypes.contains(type)) {
      return;
    }
    outbox.add(new Written(type, resource.getIdElement().getIdPart(), version, operation, clock.instant(),
        withPayload ? fhirContext.newJsonParser().encodeResourceToString(resource) : null));
  }
}
