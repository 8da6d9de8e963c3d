package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.ministry.ingest.IngestionState.Held;
import health.sihha.hie.ministry.ingest.Notification.Change;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one provider change to the national store: in one transaction, under the lock of the source resource's
 * {@link IngestionState} row, and only when its version is newer than the one applied last. So deliveries of one
 * resource, however many instances and threads apply them, take effect in version order; a deletion records its
 * version and stays until a newer write arrives.
 *
 * <p>The national copy is the provider's version under its {@link NationalIds national id}, its references rewritten
 * the same way ({@link ReferenceRewriter}) and stamped with its source ({@link SourceStamp}). A patient's opt-out
 * withdraws, in the same transaction, what the store holds of that patient ({@link OptOutWithdrawal}); the
 * {@link IngestionListener}s are told in the same transaction as well.
 *
 * <p>The resources it refers to are locked too, before anything is written: a reference to a resource not delivered
 * yet makes HAPI write a placeholder, and under the target's lock that placeholder is written only where the target
 * really is absent, never over a delivery committing at the same moment, which waits for it and then replaces it.
 */
@Component
public class EventApplier {

  /** Rows are locked in one order by every transaction, so two that lock some of the same never deadlock. */
  private static final Comparator<SourceKey> LOCK_ORDER = Comparator.comparing(SourceKey::provider)
      .thenComparing(SourceKey::type).thenComparing(SourceKey::id);

  private static final Logger LOG = LoggerFactory.getLogger(EventApplier.class);

  private final MinistryProperties ministry;
  private final ApplyProperties settings;
  private final DaoRegistry daos;
  private final ReferenceRewriter references;
  private final IngestionState state;
  private final OptOutWithdrawal optOuts;
  private final List<IngestionListener> listeners;
  private final TransactionTemplate transactions;

  EventApplier(MinistryProperties ministry, ApplyProperties settings, DaoRegistry daos, FhirContext fhirContext,
      IngestionState state, OptOutWithdrawal optOuts, List<IngestionListener> listeners,
      PlatformTransactionManager transactionManager) {
    this.ministry = requireNonNull(ministry);
    this.settings = requireNonNull(settings);
    this.daos = requireNonNull(daos);
    this.references = new ReferenceRewriter(fhirContext);
    this.state = requireNonNull(state);
    this.optOuts = requireNonNull(optOuts);
    this.listeners = List.copyOf(listeners);
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** Applies {@code change} from {@code provider}; what it did. */
  public Applied apply(RegisteredProvider provider, Change change) {
    SourceKey source = change.source();
    if (!ministry.ingestedTypes().contains(source.type())) {
      throw new UnprocessableEntityException(Codes.of(1119) + source.type() + " is not aggregated by the ministry");
    }
    Resource national = change.isDelete() ? null : change.resource().copy();
    SortedSet<SourceKey> locked = new TreeSet<>(LOCK_ORDER);
    locked.add(source);
    if (national != null) {
      national.setId(new IdType(source.type(), NationalIds.of(provider.id(), source.id())));
      for (IIdType target : references.toNational(national, provider.id(), provider.fhirBase().toString())) {
        locked.add(new SourceKey(provider.id(), target.getResourceType(), target.getIdPart()));
      }
      SourceStamp.stamp(national, provider, new IdType(source.type(), source.id(), Long.toString(change.version())));
    }
    Set<String> optingOut = national instanceof Consent consent ? optOuts.optingOut(consent) : Set.of();
    optingOut.forEach(patient -> OptOutWithdrawal.requireOwnPatient(provider.id(), patient));
    locked.forEach(state::ensureRow);
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(tx -> applyLocked(provider, change, national, optingOut, lockAll(locked)));
      } catch (ResourceVersionConflictException | ConcurrencyFailureException | DataIntegrityViolationException e) {
        if (attempt >= settings.attempts()) {
          throw e;
        }
        LOG.debug("{} {} v{} from {}: conflict, attempt {} of {}: {}", source.type(), source.id(), change.version(),
            provider.id(), attempt, settings.attempts(), e.getMessage());
      }
    }
  }

  /** Locks the rows in {@link #LOCK_ORDER}; what each holds. */
  private Map<SourceKey, Held> lockAll(SortedSet<SourceKey> keys) {
    Map<SourceKey, Held> held = new HashMap<>();
    keys.forEach(key -> held.put(key, state.lock(key)));
    return held;
  }

  private Applied applyLocked(RegisteredProvider provider, Change change, Resource national, Set<String> optingOut,
      Map<SourceKey, Held> locked) {
    Held held = locked.get(change.source());
    if (!held.isNewer(change.version())) {
      return Applied.UNCHANGED;
    }
    SystemRequestDetails system = new SystemRequestDetails();
    IIdType nationalId = new IdType(change.source().type(), NationalIds.of(provider.id(), change.source().id()));
    IFhirResourceDao<IBaseResource> dao = daos.getResourceDao(nationalId.getResourceType());
    if (change.isDelete()) {
      deleteIfPresent(dao, nationalId, system);
      state.record(change.source(), change.version(), true);
      listeners.forEach(listener -> listener.removed(provider, nationalId));
      return Applied.DELETED;
    }
    if (optOuts.isWithheld(provider.id(), national)) {
      // not recorded: should the patient opt back in, a redelivery of this version is stored
      return Applied.WITHHELD;
    }
    dao.update(national.copy(), system);
    state.record(change.source(), change.version(), false);
    optingOut.forEach(patient -> optOuts.withdraw(provider.id(), patient));
    // a withdrawn record leaves its person too: nothing national keeps pointing at the patient's data
    optingOut.forEach(patient -> listeners.forEach(listener -> listener.removed(provider,
        new IdType("Patient", patient))));
    listeners.forEach(listener -> listener.stored(provider, national));
    return held.version() == 0 || held.deleted() ? Applied.CREATED : Applied.UPDATED;
  }

  private static void deleteIfPresent(IFhirResourceDao<IBaseResource> dao, IIdType id, SystemRequestDetails system) {
    try {
      dao.delete(id, system);
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      // never delivered, or withheld: the tombstone in the ingestion state is all there is to record
    }
  }
}
