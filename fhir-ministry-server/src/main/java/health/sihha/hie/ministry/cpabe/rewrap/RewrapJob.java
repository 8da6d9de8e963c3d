package health.sihha.hie.ministry.cpabe.rewrap;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.Envelope;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.client.SealedResources;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import health.sihha.hie.ministry.cpabe.seal.SealingInterceptor;
import health.sihha.hie.ministry.cpabe.seal.SealingRules;
import health.sihha.hie.ministry.cpabe.seal.SharedEncapsulations;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves sealed content to a new key epoch after {@link AttributeAuthority#advanceEpoch()}, and to the policies of
 * the current {@link SealingRules} when they changed since the store was sealed ({@link #reapplyChangedRules()}, at
 * start-up): for each current resource carrying the sealed-content extension under an older epoch or another policy
 * than the one its first matching rule now names, {@link CpAbe#rewrap} gives a new ABE header (the
 * {@link SharedEncapsulations shared} one of the target policy and epoch) and wrap of the same data key (the body's
 * bytes are copied, never decrypted), stored as a new version through the DAO. A sealed resource that no rule matches
 * any more keeps its policy. Then the resource's older versions still of an older epoch, in {@code _history}, are
 * moved in place ({@link StoredVersions}), keeping their policy. Under changed rules, a resource stored in clear that
 * a rule now matches is sealed ({@link SealingInterceptor#seal}) as a new version, and every version of a sealed
 * resource still in clear in {@code _history} is sealed in place under the current version's policy.
 *
 * <p>The resources come from the {@link EnvelopeIndex}, those with a version of an older epoch, or, when the rules
 * changed, from the whole store ({@link EnvelopeIndex#storedResources}). It works in steps of {@code batchSize} of
 * them in database-id order, recording the cursor after each; a step runs only under a claim on the job's row
 * ({@link RewrapProgress}), so two instances never run one job at once. Each current version is one DAO update
 * conditional on the version read, each older version one transaction of its own, so a ministry stopped mid-step
 * loses nothing: what was stored is complete, what was not keeps its old envelope (or stays in clear), and the next
 * claimant redoes the step, skipping what is already done. A provider update arriving meanwhile wins (it is sealed
 * under the current epoch and rules).
 */
public final class RewrapJob {

  /** Request user data set on the job's updates: the content is the same, only its envelope changes or is added. */
  public static final String REWRAP_USER_DATA = "sihha.cpabe.rewrap";

  private static final Logger LOG = LoggerFactory.getLogger(RewrapJob.class);
  private static final int MAX_ERROR = 1000;

  private final AttributeAuthority authority;
  private final CpAbe abe;
  private final SharedEncapsulations encapsulations;
  private final SealingInterceptor sealing;
  private final SealingRules rules;
  private final DaoRegistry daos;
  private final EnvelopeIndex index;
  private final StoredVersions versions;
  private final RewrapProgress progress;
  private final RewrapProperties properties;
  private final String owner;
  private final Executor background;

  RewrapJob(AttributeAuthority authority, CpAbe abe, SharedEncapsulations encapsulations, SealingInterceptor sealing,
      SealingRules rules, DaoRegistry daos, EnvelopeIndex index, StoredVersions versions, RewrapProgress progress,
      RewrapProperties properties, String owner, Executor background) {
    this.authority = requireNonNull(authority);
    this.abe = requireNonNull(abe);
    this.encapsulations = requireNonNull(encapsulations);
    this.sealing = requireNonNull(sealing);
    this.rules = requireNonNull(rules);
    this.daos = requireNonNull(daos);
    this.index = requireNonNull(index);
    this.versions = requireNonNull(versions);
    this.progress = requireNonNull(progress);
    this.properties = requireNonNull(properties);
    this.owner = requireNonNull(owner);
    this.background = requireNonNull(background);
  }

  /** Records the job to {@code epoch} and hands it to the background worker (or to {@link #step()} calls). */
  public void start(long epoch) {
    progress.start(epoch, rules.fingerprint());
    background.execute(this::runToEnd);
  }

  /**
   * Starts the job to the current epoch when the latest job moved envelopes under other sealing rules than this
   * instance's, or none was ever recorded: what was sealed before may be under policies the rules no longer choose.
   * Whether it started.
   */
  public boolean reapplyChangedRules() {
    String current = rules.fingerprint();
    if (progress.latest().map(RewrapStatus::rules).filter(current::equals).isPresent()) {
      return false;
    }
    LOG.info("the sealing rules are not those the store was last moved under: re-applying them (rules {})", current);
    start(authority.epoch());
    return true;
  }

  /** The job of the latest epoch. */
  public Optional<RewrapStatus> status() {
    return progress.latest();
  }

  /** Runs steps while this instance holds the job and work remains. */
  public void runToEnd() {
    boolean more;
    do {
      more = step();
    } while (more);
  }

  /** One step; whether more may remain. */
  public boolean step() {
    Optional<RewrapStatus> claimed = progress.claim(owner, properties.lease());
    if (claimed.isEmpty()) {
      return false;
    }
    RewrapStatus job = claimed.get();
    List<EnvelopeIndex.Resource> rows = job.everySealed()
        ? index.storedResources(job.cursor(), properties.batchSize())
        : index.resources(job.epoch(), job.cursor(), properties.batchSize());
    if (rows.isEmpty()) {
      progress.finish(owner, job.epoch());
      LOG.info("re-wrap to key epoch {} done: {} envelopes moved, {} failed", job.epoch(), job.rewrapped(),
          job.failed());
      return false;
    }
    long moved = 0;
    long failed = 0;
    String lastError = null;
    for (EnvelopeIndex.Resource row : rows) {
      try {
        moved += moveCurrent(row, job.epoch(), job.everySealed());
        moved += rewrapHistory(row, job.epoch());
      } catch (RuntimeException e) {
        failed++;
        lastError = truncate(Codes.of(1581) + row.type() + " of database id " + row.id() + ": " + e.getMessage());
        LOG.warn("re-wrap of {} {} to key epoch {} failed", row.type(), row.id(), job.epoch(), e);
      }
    }
    return progress.advance(owner, job.epoch(), rows.get(rows.size() - 1).id(), moved, failed, lastError);
  }

  /**
   * Moves the current version of {@code row}: a sealed one to the epoch and the policy its rule now names; under
   * changed rules ({@code rulesChanged}), one in clear that a rule now matches is sealed, and then the versions of
   * either still in clear in {@code _history} are sealed in place under its policy. How many versions it moved.
   */
  private long moveCurrent(EnvelopeIndex.Resource row, long epoch, boolean rulesChanged) {
    if (!daos.isResourceTypeSupported(row.type())) {
      return 0;
    }
    @SuppressWarnings("unchecked")
    IFhirResourceDao<Resource> dao = (IFhirResourceDao<Resource>) daos.getResourceDao(row.type());
    Resource resource;
    try {
      // by database id, which runs no read hooks: the job needs the stored, sealed form, not what a reader is shown
      resource = dao.readByPid(JpaPid.fromId(row.id()));
    } catch (ResourceNotFoundException | ResourceGoneException deletedMeanwhile) {
      return 0;
    }
    long moved;
    String policy;
    if (SealedResources.isSealed(resource)) {
      byte[] envelope = SealedResources.envelope(resource);
      Envelope header = CpAbe.inspect(envelope);
      policy = rules.policy(resource).orElse(header.policy());
      long target = Math.max(epoch, header.epoch());
      moved = header.epoch() == target && header.policy().equals(policy) ? 0
          : store(dao, resource, rewrapped(envelope, SealedResources.contextOf(resource), policy, target), target);
    } else if (rulesChanged) {
      Optional<String> matched = sealing.seal(resource);
      if (matched.isEmpty()) {
        return 0;
      }
      policy = matched.get();
      moved = store(dao, resource, null, epoch);
    } else {
      return 0;
    }
    return rulesChanged ? moved + sealClearHistory(row, policy, epoch) : moved;
  }

  /**
   * Stores {@code resource} as a new version through the DAO, with {@code envelope} as its sealed content when not
   * null (else as sealed already); 1.
   */
  private long store(IFhirResourceDao<Resource> dao, Resource resource, byte[] envelope, long epoch) {
    if (envelope != null) {
      ((DomainResource) resource).getExtensionByUrl(SealedResources.SEALED_CONTENT)
          .setValue(new Base64BinaryType(envelope));
    }
    SystemRequestDetails request = new SystemRequestDetails();
    request.getUserData().put(REWRAP_USER_DATA, epoch);
    // the id keeps the version read: HAPI refuses the update (409) if a provider's update came in between
    dao.update(resource, request);
    return 1;
  }

  /**
   * Seals, in place, the versions of {@code row} in {@code _history} still in clear, under {@code policy} (that of
   * its current version): a rule matching a resource type or label now seals what came before too.
   */
  private long sealClearHistory(EnvelopeIndex.Resource row, String policy, long epoch) {
    long sealed = 0;
    for (long version : index.storedVersions(row.id())) {
      if (versions.sealInPlace(row.id(), version, stored -> sealing.sealUnder((DomainResource) stored, policy))) {
        index.record(row.id(), version, row.type(), epoch);
        sealed++;
      }
    }
    return sealed;
  }

  /**
   * Moves, in place, the versions of {@code row} still sealed before {@code epoch}: those in {@code _history}, the
   * one {@link #moveCurrent} has just superseded among them. Their policy stays: rules apply to current versions.
   */
  private long rewrapHistory(EnvelopeIndex.Resource row, long epoch) {
    long moved = 0;
    for (long version : index.versionsBefore(row.id(), epoch)) {
      if (versions.replaceEnvelope(row.id(), version, (stored, envelope) -> rewrapped(envelope,
          SealedResources.contextOf(stored), CpAbe.inspect(envelope).policy(), epoch))) {
        index.record(row.id(), version, row.type(), epoch);
        moved++;
      }
    }
    return moved;
  }

  /** {@code envelope} moved under the shared encapsulation of {@code policy} and {@code epoch}. */
  private byte[] rewrapped(byte[] envelope, SealContext context, String policy, long epoch) {
    try (SharedEncapsulations.Lease lease = encapsulations.lease(authority.masterKey(), policy, epoch)) {
      return abe.rewrap(authority.masterKey(), envelope, context, lease.encapsulation());
    }
  }

  private static String truncate(String message) {
    return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
  }

}
