package health.sihha.hie.ministry.linking;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;

/**
 * A person record's {@code seealso} link never keeps a provider record alive: the provider deletes its record, the
 * national copy goes, and {@link PatientLinker#removed} then takes the link off the person. Like the audit trail's
 * references ({@code AuditTrailDeleteConflicts}), these conflicts are dropped and HAPI is asked to look again for
 * any other reference behind them.
 */
@Interceptor
final class PersonLinkDeleteConflicts {

  @Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
  public DeleteConflictOutcome ignorePersonLinks(DeleteConflictList conflicts) {
    boolean personsOnly = conflicts.removeIf(c -> "Patient".equals(c.getSourceId().getResourceType())
        && PersonRecords.isPerson(c.getSourceId().getIdPart())) && conflicts.isEmpty();
    return personsOnly ? new DeleteConflictOutcome().setShouldRetryCount(1) : null;
  }
}
