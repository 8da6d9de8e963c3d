package health.sihha.hie.provider.ledger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Queues every resource version written (create, update, delete tombstone; AuditEvents too) for the ledger, in the write's own
 * transaction: a row in a durable queue table on HAPI's DataSource commits or rolls back with the version, so a
 * server stopped between commit and append loses nothing. A created or updated version is queued with its entry,
 * hashed here from the resource being stored (tens of microseconds; reading it back after commit cost the appender
 * milliseconds). A tombstone, or a version that cannot be hashed here, is queued by key alone and read back by
 * {@link LedgerAppender}: hashing never fails a clinical write, and appending happens after commit. (Scanning HAPI's
 * version table instead would miss versions whose transactions commit out of id order.)
 */
@Interceptor
final class VersionQueueInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(VersionQueueInterceptor.class);

  private final FhirContext context;
  private final JdbcTemplate jdbc;
  private final ResourceHasher hasher;

  VersionQueueInterceptor(FhirContext context, JdbcTemplate jdbc, ResourceHasher hasher) {
    this.context = context;
    this.jdbc = jdbc;
    this.hasher = hasher;
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    queue(resource, entry(resource));
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource) {
    queue(resource, entry(resource));
  }

  /** HAPI gives the deleted resource with the id of its tombstone version. */
  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
  public void deleted(IBaseResource resource) {
    queue(resource, null);
  }

  private LedgerEntry entry(IBaseResource resource) {
    try {
      return hasher.entry(StoredVersions.kind(context.getResourceType(resource)), resource);
    } catch (RuntimeException e) {
      LOG.warn("{} not hashed at write time, so it is read back to be anchored: {}", resource.getIdElement(),
          e.getMessage());
      return null;
    }
  }

  private void queue(IBaseResource resource, LedgerEntry entry) {
    IIdType id = resource.getIdElement();
    jdbc.update("INSERT INTO " + LedgerSchema.QUEUE + " (RESOURCE_TYPE, LOGICAL_ID, VERSION_ID, HASH, TIME_MS)"
        + " VALUES (?, ?, ?, ?, ?)", context.getResourceType(resource), id.getIdPart(), id.getVersionIdPart(),
        entry == null ? null : entry.hash().toHex(), entry == null ? null : entry.time().toEpochMilli());
  }
}
