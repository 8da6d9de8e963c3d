package health.sihha.hie.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.IDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import health.sihha.hie.interceptors.HieOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the current database transaction knows of the resources its AuditEvents name ({@link StoredAuditSink}): the
 * storage id of each resource it held when asked, or that it held none, kept until the transaction ends, since a
 * transaction's events name the same patient and the same user again and again. Registered with HAPI's storage
 * interceptors, at pre-commit and before the audit trail makes a write's event (lower order than BALP's hooks), it
 * learns the storage id of each resource the transaction creates from the resource itself (HAPI puts it there for
 * these hooks), so the event naming it needs no query, and it forgets a resource the transaction deletes: HAPI fires
 * a transaction's deferred pre-commit hooks grouped by kind, so the events of its other writes may be made before or
 * after. An updated resource is still looked up: the query lets Hibernate flush the update's pending rows first;
 * without it, Hibernate wrote a plain update's AuditEvent index rows before the event's own row (a foreign-key
 * failure). Outside a transaction nothing is kept.
 */
@Interceptor(order = HieOrder.AUDIT)
public final class HeldResources {

  private static final Object KEY = new Object();

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
  public void deleted(IBaseResource resource) {
    inThisTransaction().ifPresent(held -> held.put(key(resource.getIdElement()), Optional.empty()));
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    JpaPid pid = IDao.RESOURCE_PID.get(resource);
    if (pid != null) {
      inThisTransaction().ifPresent(held -> held.put(key(resource.getIdElement()), Optional.of(pid)));
    }
  }

  /** The storage id of this resource if the server holds it and has not deleted it, from memory or {@code lookUp}. */
  Optional<JpaPid> heldAs(IIdType id, Function<IIdType, Optional<JpaPid>> lookUp) {
    Optional<Map<String, Optional<JpaPid>>> held = inThisTransaction();
    return held.isPresent() ? held.get().computeIfAbsent(key(id), key -> lookUp.apply(id)) : lookUp.apply(id);
  }

  private static String key(IIdType id) {
    return id.toUnqualifiedVersionless().getValue();
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Optional<JpaPid>>> inThisTransaction() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return Optional.empty();
    }
    Object bound = TransactionSynchronizationManager.getResource(KEY);
    if (bound != null) {
      return Optional.of((Map<String, Optional<JpaPid>>) bound);
    }
    Map<String, Optional<JpaPid>> held = new HashMap<>();
    TransactionSynchronizationManager.bindResource(KEY, held);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
      }
    });
    return Optional.of(held);
  }
}
