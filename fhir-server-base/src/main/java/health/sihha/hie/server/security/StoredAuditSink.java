package health.sihha.hie.server.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.sihha.hie.interceptors.audit.AuditSink;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * Stores AuditEvents in the server's own FHIR store, as the server itself ({@link SystemRequestDetails}: no token,
 * no scope check), in a transaction of their own. A failure propagates to {@code DenialAuditInterceptor}, which logs
 * it and never lets it change the response.
 */
final class StoredAuditSink implements AuditSink {

  private final IFhirResourceDao<AuditEvent> auditEvents;

  StoredAuditSink(IFhirResourceDao<AuditEvent> auditEvents) {
    this.auditEvents = requireNonNull(auditEvents);
  }

  @Override
  public void write(AuditEvent event) {
    auditEvents.create(event, new SystemRequestDetails());
  }
}
