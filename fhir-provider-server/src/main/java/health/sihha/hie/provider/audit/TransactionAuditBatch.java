package health.sihha.hie.provider.audit;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.InterceptorInvocationTimingEnum;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.audit.AuditSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One AuditEvent per kind of write in a transaction Bundle, naming every resource the Bundle wrote, instead of one
 * per entry. HAPI fires a Bundle's pre-commit hooks deferred, once its last entry is written, and BALP makes an event
 * of each: a Synthea patient's Bundle made 200, each stored with its indexes, its ledger entry and its hash, a third
 * of the write's time in the ingest benchmark's profile. While those deferred hooks run (this interceptor's, of a
 * lower order, run before BALP's), the events are held for the database transaction; events that differ only in
 * their time and in the resources they name (same action, interaction, profile, agents, patients, request) become
 * one that names all those resources, in the order written. They are stored when HAPI reports the Bundle processed
 * ({@code STORAGE_TRANSACTION_PROCESSED}), still inside the Bundle's database transaction, so an event that cannot be
 * stored still fails the write; events held at commit time would fail it too. Writes outside a Bundle are recorded
 * one by one, as they come.
 */
@Interceptor(order = HieOrder.AUDIT)
final class TransactionAuditBatch {

  private static final Object KEY = new Object();

  private final AuditSink store;
  private final FhirContext context;

  TransactionAuditBatch(AuditSink store, FhirContext context) {
    this.store = requireNonNull(store);
    this.context = requireNonNull(context);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(InterceptorInvocationTimingEnum timing) {
    openIfDeferred(timing);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(InterceptorInvocationTimingEnum timing) {
    openIfDeferred(timing);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
  public void deleted(InterceptorInvocationTimingEnum timing) {
    openIfDeferred(timing);
  }

  /** Stores the Bundle's merged events, in its database transaction. */
  @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSED)
  public void processed() {
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.getResource(KEY) instanceof Held held) {
      TransactionSynchronizationManager.unbindResource(KEY);
      held.events().forEach(store::write);
    }
  }

  /** Whether {@code event} is held for the Bundle being processed (and merged with its kind), or to be stored now. */
  boolean hold(AuditEvent event) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !(TransactionSynchronizationManager.getResource(KEY) instanceof Held held)) {
      return false;
    }
    held.add(kindOf(event), event);
    return true;
  }

  private void openIfDeferred(InterceptorInvocationTimingEnum timing) {
    if (timing != InterceptorInvocationTimingEnum.DEFERRED
        || !TransactionSynchronizationManager.isSynchronizationActive()
        || TransactionSynchronizationManager.hasResource(KEY)) {
      return;
    }
    TransactionSynchronizationManager.bindResource(KEY, new Held());
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void beforeCommit(boolean readOnly) {
        if (TransactionSynchronizationManager.getResource(KEY) instanceof Held held && !held.isEmpty()) {
          throw new IllegalStateException("AuditEvents of a transaction Bundle were held but never stored");
        }
      }

      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
      }
    });
  }

  /** The event without its time and the resources it names: what events merged into one share. */
  private String kindOf(AuditEvent event) {
    AuditEvent kind = event.copy();
    kind.setRecordedElement(null);
    kind.getEntity().removeIf(TransactionAuditBatch::namesWrittenResource);
    return context.newJsonParser().encodeResourceToString(kind);
  }

  private static boolean namesWrittenResource(AuditEventEntityComponent entity) {
    return BalpConstants.CS_OBJECT_ROLE.equals(entity.getRole().getSystem())
        && BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE.equals(entity.getRole().getCode());
  }

  /** A Bundle's events, one per kind, each naming the resources of all the events of its kind. */
  private static final class Held {

    private final Map<String, AuditEvent> byKind = new LinkedHashMap<>();
    private final Map<String, Set<String>> named = new LinkedHashMap<>();

    void add(String kind, AuditEvent event) {
      AuditEvent merged = byKind.putIfAbsent(kind, event);
      Set<String> names = named.computeIfAbsent(kind, any -> new HashSet<>());
      if (merged == null) {
        event.getEntity().stream().filter(TransactionAuditBatch::namesWrittenResource)
            .forEach(entity -> names.add(entity.getWhat().getReference()));
        return;
      }
      List<AuditEventEntityComponent> more = new ArrayList<>();
      event.getEntity().stream().filter(TransactionAuditBatch::namesWrittenResource)
          .filter(entity -> names.add(entity.getWhat().getReference())).forEach(more::add);
      more.forEach(merged::addEntity);
    }

    boolean isEmpty() {
      return byKind.isEmpty();
    }

    List<AuditEvent> events() {
      return List.copyOf(byKind.values());
    }
  }
}
