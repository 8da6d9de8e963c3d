package health.sihha.hie.provider.ledger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Queues every resource version written (create, update, delete tombstone; AuditEvents too) for the ledger, in the write's own
 * transaction: a row in a durable queue table on HAPI's DataSource commits or rolls back with the version, so a
 * server stopped between commit and append loses nothing. Only the version's key is queued; hashing and appending
 * happen after commit in {@link LedgerAppender}, so the ledger never slows or fails a clinical write beyond this
 * one insert. (Scanning HAPI's version table instead would miss versions whose transactions commit out of id order.)
 */
@Interceptor
final class VersionQueueInterceptor {

  private final FhirContext context;
  private final JdbcTemplate jdbc;

  VersionQueueInterceptor(FhirContext context, JdbcTemplate jdbc) {
    this.context = context;
    this.jdbc = jdbc;
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    queue(resource);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource) {
    queue(resource);
  }

  /** HAPI gives the deleted resource with the id of its tombstone version. */
  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
  public void deleted(IBaseResource resource) {
    queue(resource);
  }

  private void queue(IBaseResource resource) {
    IIdType id = resource.getIdElement();
    jdbc.update("INSERT INTO " + LedgerSchema.QUEUE + " (RESOURCE_TYPE, LOGICAL_ID, VERSION_ID) VALUES (?, ?, ?)",
        context.getResourceType(resource), id.getIdPart(), id.getVersionIdPart());
  }
}
