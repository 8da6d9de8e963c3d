package health.sihha.hie.terminology.server.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.audit.AuditSink;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminology server's refusals as AuditEvent JSON on logger {@code sihha.audit}: it has no store of resources of
 * its own to keep them in, and its log is collected like the others.
 */
final class LoggedAuditSink implements AuditSink {

  private static final Logger LOG = LoggerFactory.getLogger("sihha.audit");

  private final FhirContext fhirContext;

  LoggedAuditSink(FhirContext fhirContext) {
    this.fhirContext = requireNonNull(fhirContext);
  }

  @Override
  public void write(AuditEvent event) {
    LOG.info("{}", fhirContext.newJsonParser().encodeResourceToString(event));
  }
}
