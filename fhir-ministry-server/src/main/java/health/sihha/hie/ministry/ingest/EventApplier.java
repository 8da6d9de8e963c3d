package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.ministry.ingest.IngestionState.Held;
import health.sihha.hie.ministry.ingest.Notification.Change;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
 * Applies provider changes to the national store, one or several in one transaction: each under the lock of its
 * source resource's {@link IngestionState} row, and only when its version is newer than the one applied last. So
 * deliveries of one resource, however many instances and threads apply them, take effect in version order; a deletion
 * records its version and stays until a newer write arrives. Each transaction that changes the store also stores its
 * audit ({@link IngestionAudit}).
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
  private final SourceHashes hashes;
  private final IngestionAudit audit;
  private final NationalIdLookup lookup;
  private final List<IngestionListener> listeners;
  private final TransactionTemplate transactions;

  EventApplier(MinistryProperties ministry, ApplyProperties settings, DaoRegistry daos, FhirContext fhirContext,
      IngestionState state, OptOutWithdrawal optOuts, SourceHashes hashes, IngestionAudit audit,
      NationalIdLookup lookup, List<IngestionListener> listeners, PlatformTransactionManager transactionManager) {
    this.ministry = requireNonNull(ministry);
    this.settings = requireNonNull(settings);
    this.daos = requireNonNull(daos);
    this.references = new ReferenceRewriter(fhirContext);
    this.state = requireNonNull(state);
    this.optOuts = requireNonNull(optOuts);
    this.hashes = requireNonNull(hashes);
    this.audit = requireNonNull(audit);
    this.lookup = requireNonNull(lookup);
    this.listeners = List.copyOf(listeners);
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** Applies {@code change} from {@code provider}; what it did. */
  public Applied apply(RegisteredProvider provider, Change change) {
    return applyTogether(provider, List.of(change)).get(0);
  }

  /**
   * Applies {@code changes} from {@code provider}, in their order, in one transaction that locks the rows of every
   * resource they change or refer to before it writes anything; what each did. One transaction per notification
   * rather than per event: the locks, the commit and the full-text index's commit are paid once. Any failure rolls
   * all of them back and is thrown, so a caller that needs to know which one failed applies them one by one.
   */
  public List<Applied> applyTogether(RegisteredProvider provider, List<Change> changes) {
    List<Prepared> prepared = changes.stream().map(change -> prepare(provider, change)).toList();
    SortedSet<SourceKey> locked = new TreeSet<>(LOCK_ORDER);
    prepared.forEach(p -> locked.addAll(p.locked()));
    locked.forEach(state::ensureRow);
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(tx -> {
          Map<SourceKey, Held> held = lockAll(locked);
          TransactionDetails resolved = lookup.resolve(locked);
          OptOutWithdrawal.Decisions decisions = optOuts.decisions(provider.id());
          List<Applied> applied = new ArrayList<>(prepared.size());
          List<IngestionAudit.Imported> imported = new ArrayList<>();
          prepared.forEach(p -> applied.add(applyLocked(provider, p, held, decisions, imported, resolved)));
          if (!imported.isEmpty()) {
            audit.record(provider, imported, resolved);
          }
          return applied;
        });
      } catch (ResourceVersionConflictException | ConcurrencyFailureException | DataIntegrityViolationException e) {
        if (attempt >= settings.attempts()) {
          throw e;
        }
        LOG.debug("{} changes from {}: conflict, attempt {} of {}: {}", changes.size(), provider.id(), attempt,
            settings.attempts(), e.getMessage());
      }
    }
  }

  /** A change made ready to apply: its national copy, the patients it opts out, and the rows it locks. */
  private record Prepared(Change change, Resource national, Set<String> optingOut, Set<SourceKey> locked,
      Held received) {}

  private Prepared prepare(RegisteredProvider provider, Change change) {
    SourceKey source = change.source();
    if (!ministry.ingestedTypes().contains(source.type())) {
      throw new UnprocessableEntityException(Codes.of(1119) + source.type() + " is not aggregated by the ministry");
    }
    Resource national = change.isDelete() ? null : change.resource().copy();
    Set<SourceKey> locked = new HashSet<>();
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
    return new Prepared(change, national, optingOut, locked, received(provider, change));
  }

  /**
   * The state to record once {@code change} is applied: its version, and for a write the hash of its content as
   * received, which must be the one the provider sent with it, if it sent one (the ids are rewritten and the
   * content may be sealed afterwards, so the hash is kept now rather than computed again from the national copy).
   */
  private Held received(RegisteredProvider provider, Change change) {
    if (change.isDelete()) {
      return new Held(change.source(), change.version(), true, null, null);
    }
    Hash content = hashes.of(provider, change.resource());
    if (change.hash() == null) {
      return new Held(change.source(), change.version(), false, content, null);
    }
    if (!content.equals(change.hash().unsalted())) {
      throw new UnprocessableEntityException(Codes.of(1126) + change.source().type() + "/" + change.source().id()
          + " version " + change.version() + " does not match the hash it was sent with: its content changed on the"
          + " way, or the provider hashed something else");
    }
    return new Held(change.source(), change.version(), false, content, change.hash().salted());
  }

  /** Locks the rows in {@link #LOCK_ORDER}; what each holds. */
  private Map<SourceKey, Held> lockAll(SortedSet<SourceKey> keys) {
    Map<SourceKey, Held> held = new HashMap<>();
    keys.forEach(key -> held.put(key, state.lock(key)));
    return held;
  }

  /**
   * Applies one change under the locks {@code locked}, whose entry for its resource it moves to what it applied;
   * a change of the national store is added to {@code imported}, for the transaction's audit. {@code resolved} is
   * what the transaction's writes know of the ids they touch ({@link NationalIdLookup}); a deletion voids it.
   */
  private Applied applyLocked(RegisteredProvider provider, Prepared prepared, Map<SourceKey, Held> locked,
      OptOutWithdrawal.Decisions decisions, List<IngestionAudit.Imported> imported, TransactionDetails resolved) {
    Change change = prepared.change();
    Resource national = prepared.national();
    Held held = locked.get(change.source());
    if (!held.isNewer(change.version())) {
      return Applied.UNCHANGED;
    }
    SystemRequestDetails system = new SystemRequestDetails();
    IIdType nationalId = new IdType(change.source().type(), NationalIds.of(provider.id(), change.source().id()));
    IFhirResourceDao<IBaseResource> dao = daos.getResourceDao(nationalId.getResourceType());
    if (change.isDelete()) {
      deleteIfPresent(dao, nationalId, system);
      resolved.clearResolvedItems();
      record(locked, prepared.received());
      imported.add(new IngestionAudit.Imported(nationalId, Applied.DELETED, prepared.received(),
          SourceStamp.sourceUrl(provider, new IdType(change.source().type(), change.source().id(),
              Long.toString(change.version())))));
      listeners.forEach(listener -> listener.removed(provider, nationalId));
      return Applied.DELETED;
    }
    if (decisions.isWithheld(national)) {
      // not recorded: should the patient opt back in, a redelivery of this version is stored
      return Applied.WITHHELD;
    }
    IIdType stored = dao.update(national.copy(), null, true, false, system, resolved).getId();
    record(locked, prepared.received());
    Applied applied = held.version() == 0 || held.deleted() ? Applied.CREATED : Applied.UPDATED;
    imported.add(new IngestionAudit.Imported(stored, applied, prepared.received(), national.getMeta().getSource()));
    prepared.optingOut().forEach(patient -> {
      optOuts.withdraw(provider.id(), patient);
      resolved.clearResolvedItems();
      decisions.forget();
      // the withdrawn record leaves the registry too: it is unlinked from its person record
      listeners.forEach(listener -> listener.removed(provider, new IdType("Patient", patient)));
    });
    if (national instanceof Consent) {
      decisions.forget();
    }
    listeners.forEach(listener -> listener.stored(provider, national));
    return applied;
  }

  private void record(Map<SourceKey, Held> locked, Held applied) {
    state.record(applied);
    locked.put(applied.key(), applied);
  }

  private static void deleteIfPresent(IFhirResourceDao<IBaseResource> dao, IIdType id, SystemRequestDetails system) {
    try {
      dao.delete(id, system);
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      // never delivered, or withheld: the tombstone in the ingestion state is all there is to record
    }
  }
}
