package health.sihha.hie.server.jpa;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;

/**
 * An AuditEvent only records what it observed, so its references never keep a resource alive: a Patient that was
 * once refused to someone, or read under break-glass, can still be deleted (at a provider, and at the ministry when
 * the provider's delete arrives), and the AuditEvent stays, pointing at the deleted id. Every other reference is
 * still a conflict and the delete still gets 409.
 *
 * <p>HAPI first looks for a single referencing resource; when that one is an AuditEvent, this asks it to look again
 * with its full batch ({@code JpaStorageSettings.maximumDeleteConflictQueryCount}, 60 by default), so that another
 * reference behind it is found. A reference that comes after a full batch of AuditEvents is not seen.
 */
@Interceptor
public final class AuditTrailDeleteConflicts {

  private static final String AUDIT_EVENT = "AuditEvent";

  @Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
  public DeleteConflictOutcome ignoreAuditTrail(DeleteConflictList conflicts) {
    boolean auditOnly = conflicts.removeIf(c -> AUDIT_EVENT.equals(c.getSourceId().getResourceType()))
        && conflicts.isEmpty();
    return auditOnly ? new DeleteConflictOutcome().setShouldRetryCount(1) : null;
  }
}
