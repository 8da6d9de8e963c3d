package health.sihha.hie.interceptors.audit;

import org.hl7.fhir.r4.model.AuditEvent;

/** Where AuditEvents go: the ledger, a FHIR audit repository, or memory in tests. */
public interface AuditSink {

  /** Records {@code event}; may throw, the caller never lets that change a response. */
  void write(AuditEvent event);
}
