package health.sihha.hie.ministry.cpabe.keys;

import health.sihha.hie.interceptors.audit.AuditSink;
import jakarta.annotation.Nullable;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the attribute authority's AuditEvents go: the server's audit sink when security is on; with security off
 * (in-process tests, which have no sink) the log.
 */
final class KeyAudit {

  private static final Logger LOG = LoggerFactory.getLogger(KeyAudit.class);

  @Nullable private final AuditSink sink;

  KeyAudit(@Nullable AuditSink sink) {
    this.sink = sink;
  }

  void record(AuditEvent event) {
    // a failure propagates: no key is handed out, nor epoch reported, unaudited
    if (sink != null) {
      sink.write(event);
    } else {
      LOG.info("audit (no sink): {}", event.getOutcomeDesc());
    }
  }
}
