package health.sihha.hie.ministry.witness;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.treehead.LedgerPublicKey;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeadWitness;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The ministry as witness of each provider's ledger (RFC 9162 in the manner of a transparency-log witness): it
 * collects the node's latest signed tree head, checks that it is signed by the node's key (pinned in
 * {@link WitnessProperties#keys()}, or kept from first use) and, with the node's consistency proof, that it extends
 * the head the ministry accepted before; only then does it keep it. A node that removes or rewrites anything it had
 * anchored cannot prove the new head extends the old one: the check is refused, logged, counted
 * ({@code sihha.witness.refused}) and shown by {@code $ledger-witness}, and the old head stays the reference.
 */
@Service
public class LedgerWitness {

  static final String UNREACHABLE = "UNREACHABLE";
  static final String NO_LEDGER = "NO_LEDGER";
  static final String KEY_CHANGED = "KEY_CHANGED";
  static final String UNPROVABLE = "UNPROVABLE";

  private static final Logger LOG = LoggerFactory.getLogger(LedgerWitness.class);

  private final MinistryProperties ministry;
  private final WitnessProperties settings;
  private final ProviderLedger ledgers;
  private final WitnessStore store;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, AtomicLong> witnessedSize = new ConcurrentHashMap<>();

  LedgerWitness(MinistryProperties ministry, WitnessProperties settings, ProviderLedger ledgers, WitnessStore store,
      MeterRegistry meters) {
    this.ministry = requireNonNull(ministry);
    this.settings = requireNonNull(settings);
    this.ledgers = requireNonNull(ledgers);
    this.store = requireNonNull(store);
    this.meters = requireNonNull(meters);
    this.clock = Clock.systemUTC();
  }

  @Scheduled(fixedDelayString = "${sihha.ministry.witness.interval:60s}",
      initialDelayString = "${sihha.ministry.witness.interval:60s}")
  void witnessAll() {
    if (settings.enabled()) {
      ministry.providers().forEach(this::witness);
    }
  }

  /** What the ministry holds of each provider's ledger, and its latest check. */
  public List<WitnessedHead> witnessed() {
    return store.all();
  }

  /** Collects and checks {@code provider}'s latest head now; what the ministry holds after. */
  public synchronized WitnessedHead witness(RegisteredProvider provider) {
    Optional<WitnessedHead> before = store.find(provider.id());
    WitnessedHead after;
    try {
      after = check(provider, before);
    } catch (BaseServerResponseException | IllegalStateException | IllegalArgumentException unreachable) {
      after = refused(provider, before, null, UNREACHABLE, "the provider's ledger could not be read: "
          + unreachable.getMessage());
    }
    store.save(after);
    if (after.consistent()) {
      size(provider.id()).set(after.head() == null ? 0 : after.head().treeSize());
    } else if (!UNREACHABLE.equals(after.verdict()) && !NO_LEDGER.equals(after.verdict())) {
      meters.counter("sihha.witness.refused", "provider", provider.id(), "verdict", after.verdict()).increment();
      LOG.error("ledger of {} refused by the witness: {}: {}", provider.id(), after.verdict(), after.detail());
    }
    return after;
  }

  private WitnessedHead check(RegisteredProvider provider, Optional<WitnessedHead> before) {
    LedgerPublicKey published;
    try {
      published = ledgers.publicKey(provider);
    } catch (ResourceNotFoundException | InvalidRequestException noLedger) {
      return refused(provider, before, null, NO_LEDGER, "the provider publishes no ledger key: "
          + noLedger.getMessage());
    }
    LedgerPublicKey trusted = Optional.ofNullable(settings.keys().get(provider.id()))
        .map(LedgerPublicKey::fromBase64Spki)
        .or(() -> before.map(WitnessedHead::key))
        .orElse(published);
    if (!trusted.keyId().equals(published.keyId())) {
      return refused(provider, before, trusted, KEY_CHANGED, "the node now publishes key " + published.keyId()
          + ", not " + trusted.keyId() + " that the ministry holds for it");
    }
    Optional<SignedTreeHead> latest = ledgers.latestHead(provider);
    SignedTreeHead older = before.map(WitnessedHead::head).orElse(null);
    if (latest.isEmpty()) {
      return older == null
          ? accepted(provider, trusted, null, "the node has anchored nothing yet")
          : refused(provider, before, trusted, TreeHeadWitness.Verdict.TREE_SHRANK.name(),
              "the node shows no tree head, the ministry holds one of " + older.treeSize() + " entries");
    }
    SignedTreeHead newer = latest.get();
    if (older == null) {
      return TreeHeads.verify(newer, trusted)
          ? accepted(provider, trusted, newer, "first tree head " + newer)
          : refused(provider, before, trusted, TreeHeadWitness.Verdict.NEWER_SIGNATURE_INVALID.name(),
              "the signature of " + newer + " is not the node's");
    }
    if (newer.treeSize() < older.treeSize()) {
      return refused(provider, before, trusted, TreeHeadWitness.Verdict.TREE_SHRANK.name(), "the log shrank from "
          + older.treeSize() + " to " + newer.treeSize() + " entries");
    }
    Optional<ConsistencyProof> proof;
    try {
      proof = newer.treeSize() == older.treeSize()
          ? Optional.of(new ConsistencyProof(older.treeSize(), older.treeSize(), List.of()))
          : ledgers.consistency(provider, older.treeSize(), newer.treeSize());
    } catch (ResourceNotFoundException | InvalidRequestException noProof) {
      proof = Optional.empty();
    }
    if (proof.isEmpty()) {
      return refused(provider, before, trusted, UNPROVABLE, "the node cannot prove that its log at "
          + newer.treeSize() + " entries extends the log at " + older.treeSize());
    }
    TreeHeadWitness.Check check = TreeHeadWitness.check(older.nodeId(), trusted, older, newer, proof.get());
    return check.consistent()
        ? accepted(provider, trusted, newer, check.detail())
        : refused(provider, before, trusted, check.verdict().name(), check.detail());
  }

  private WitnessedHead accepted(RegisteredProvider provider, LedgerPublicKey key, SignedTreeHead head,
      String detail) {
    return new WitnessedHead(provider.id(), key, head, clock.instant(), WitnessedHead.CONSISTENT, detail);
  }

  /** The check's outcome, with what was held before kept as the reference. */
  private WitnessedHead refused(RegisteredProvider provider, Optional<WitnessedHead> before, LedgerPublicKey key,
      String verdict, String detail) {
    return new WitnessedHead(provider.id(), before.map(WitnessedHead::key).orElse(key),
        before.map(WitnessedHead::head).orElse(null), clock.instant(), verdict, detail);
  }

  private AtomicLong size(String provider) {
    return witnessedSize.computeIfAbsent(provider, id -> meters.gauge("sihha.witness.tree.size",
        List.of(Tag.of("provider", id)), new AtomicLong()));
  }
}
