package health.sihha.hie.provider.audit;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import health.sihha.hie.interceptors.audit.AuditSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the BALP events through the AuditEvent DAO as the server ({@code StoredAuditSink}), synchronously: called
 * at pre-commit, the DAO joins the write's own transaction, so an event that cannot be stored fails and rolls back
 * the write; called before a read or search result is shown (HAPI does that inside its read-only transaction), it
 * commits in a new transaction of its own before the response leaves, and a failure refuses the response. The events
 * of a transaction Bundle's writes are merged and stored once it is processed ({@link TransactionAuditBatch}).
 * Events of requests without a verified identity are only counted ({@code sihha.audit.anonymous}, by action), so
 * nobody grows the database without credentials.
 */
final class StoredBalpSink implements IBalpAuditEventSink {

  /**
   * The codes of R4's {@code restful-interaction}: BALP takes HAPI's operation type as subtype, which is
   * {@code extended-operation-instance} for the writes of an operation such as {@code $deactivate}; the store's
   * validation refuses that, so what is not an interaction of the code system is recorded as {@code operation}.
   */
  private static final Set<String> RESTFUL_INTERACTIONS = Set.of("read", "vread", "update", "patch", "delete",
      "history", "history-instance", "history-type", "history-system", "create", "search", "search-type",
      "search-system", "capabilities", "transaction", "batch", "operation");
  private static final String OPERATION = "operation";

  private final AuditSink store;
  private final TransactionTemplate ownTransaction;
  private final TransactionAuditBatch bundles;
  private final MeterRegistry meters;

  /** {@code ownTransaction} starts a new transaction ({@code REQUIRES_NEW}). */
  StoredBalpSink(AuditSink store, TransactionTemplate ownTransaction, TransactionAuditBatch bundles,
      MeterRegistry meters) {
    this.store = requireNonNull(store);
    this.ownTransaction = requireNonNull(ownTransaction);
    this.bundles = requireNonNull(bundles);
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
    event.getSubtype().stream().filter(code -> !RESTFUL_INTERACTIONS.contains(code.getCode()))
        .forEach(code -> code.setCode(OPERATION).setDisplay(OPERATION));
    if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
      ownTransaction.executeWithoutResult(status -> store.write(event));
    } else if (!bundles.hold(event)) {
      store.write(event);
    }
  }
}
