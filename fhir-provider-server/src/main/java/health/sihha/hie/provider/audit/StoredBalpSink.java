package health.sihha.hie.provider.audit;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import health.sihha.hie.interceptors.audit.AuditSink;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;

/**
 * Stores the BALP events through the AuditEvent DAO as the server ({@code StoredAuditSink}), synchronously: called
 * at pre-commit, the DAO joins the write's own transaction, so an event that cannot be stored fails and rolls back
 * the write; called before a read or search result is shown, it commits in a transaction of its own before the
 * response leaves, and a failure refuses the response. Events of requests without a verified identity are only
 * counted ({@code sihha.audit.anonymous}, by action), so nobody grows the database without credentials.
 */
final class StoredBalpSink implements IBalpAuditEventSink {

  private final AuditSink store;
  private final MeterRegistry meters;

  StoredBalpSink(AuditSink store, MeterRegistry meters) {
    this.store = requireNonNull(store);
    this.meters = requireNonNull(meters);
  }

  @Override
  public void recordAuditEvent(AuditEvent event) {
    boolean identified = event.getAgent().stream().filter(AuditEventAgentComponent::getRequestor)
        .anyMatch(agent -> GrantAuditContext.identifies(agent.getWho()));
    if (!identified) {
      meters.counter("sihha.audit.anonymous", "action", event.getAction().toCode()).increment();
      return;
    }
    store.write(event);
  }
}
