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
 * {@link SharedEncapsulations shared} one of the target policy and epoch) and wrap of the same data key (the body's bytes are copied, never decrypted), stored as a new version through the DAO. A sealed
 * resource that no rule matches any more keeps its policy. Then the resource's older versions still of an older
 * epoch, in {@code _history}, are moved in place ({@link StoredVersions}), keeping their policy.
 *
 * <p>The resources come from the {@link EnvelopeIndex}: those with a version of an older epoch, or, when the rules
 * changed, every sealed one; never every resource of the store. It works in steps of {@code batchSize} of them in
 * database-id order, recording the cursor after each; a step runs only under a claim on the job's row
 * ({@link RewrapProgress}), so two instances never run one job at once. Each current version is one DAO update
 * conditional on the version read, each older version one transaction of its own, so a ministry stopped mid-step
 * loses nothing: what was stored is complete, what was not keeps its old envelope, and the next claimant redoes the
 * step, skipping envelopes already at the epoch. A provider update arriving meanwhile wins (it is sealed under the
 * current epoch).
 */
public final class RewrapJob {

  /** Request user data set on the job's updates: the content is sealed already, only its envelope changes. */
  public static final String REWRAP_USER_DATA = "sihha.cpabe.rewrap";

  private static final Logger LOG = LoggerFactory.getLogger(RewrapJob.class);
  private static final int MAX_ERROR = 1000;

  private final AttributeAuthority authority;
  private final CpAbe abe;
  private final SharedEncapsulations encapsulations;
  private final SealingRules rules;
  private final DaoRegistry daos;
  private final EnvelopeIndex index;
  private final StoredVersions versions;
  private final RewrapProgress progress;
  private final RewrapProperties properties;
  private final String owner;
  private final Executor background;

  RewrapJob(AttributeAuthority authority, CpAbe abe, SharedEncapsulations encapsulations, SealingRules rules,
      DaoRegistry daos, EnvelopeIndex index, StoredVersions versions, RewrapProgress progress,
      RewrapProperties properties, String owner, Executor background) {
    this.authority = requireNonNull(authority);
    this.abe = requireNonNull(abe);
    this.encapsulations = requireNonNull(encapsulations);
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
    List<EnvelopeIndex.Resource> rows = index.resources(job.epoch(), job.everySealed(), job.cursor(),
        properties.batchSize());
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
        moved += rewrap(row, job.epoch()) ? 1 : 0;
        moved += rewrapHistory(row, job.epoch());
      } catch (RuntimeException e) {
        failed++;
        lastError = truncate(Codes.of(1581) + row.type() + " of database id " + row.id() + ": " + e.getMessage());
        LOG.warn("re-wrap of {} {} to key epoch {} failed", row.type(), row.id(), job.epoch(), e);
      }
    }
    return progress.advance(owner, job.epoch(), rows.get(rows.size() - 1).id(), moved, failed, lastError);
  }

  private boolean rewrap(EnvelopeIndex.Resource row, long epoch) {
    if (!daos.isResourceTypeSupported(row.type())) {
      return false;
    }
    @SuppressWarnings("unchecked")
    IFhirResourceDao<Resource> dao = (IFhirResourceDao<Resource>) daos.getResourceDao(row.type());
    Resource resource;
    try {
      // by database id, which runs no read hooks: the job needs the stored, sealed form, not what a reader is shown
      resource = dao.readByPid(JpaPid.fromId(row.id()));
    } catch (ResourceNotFoundException | ResourceGoneException deletedMeanwhile) {
      return false;
    }
    if (!SealedResources.isSealed(resource)) {
      return false;
    }
    byte[] envelope = SealedResources.envelope(resource);
    Envelope header = CpAbe.inspect(envelope);
    String policy = rules.policy(resource).orElse(header.policy());
    long target = Math.max(epoch, header.epoch());
    if (header.epoch() == target && header.policy().equals(policy)) {
      return false;
    }
    SealContext context = SealedResources.contextOf(resource);
    byte[] moved = rewrapped(envelope, context, policy, target);
    ((DomainResource) resource).getExtensionByUrl(SealedResources.SEALED_CONTENT)
        .setValue(new Base64BinaryType(moved));
    SystemRequestDetails request = new SystemRequestDetails();
    request.getUserData().put(REWRAP_USER_DATA, target);
    // the id keeps the version read: HAPI refuses the update (409) if a provider's update came in between
    dao.update(resource, request);
    return true;
  }

  /**
   * Moves, in place, the versions of {@code row} still sealed before {@code epoch}: those in {@code _history}, the
   * one {@link #rewrap} has just superseded among them. Their policy stays: rules apply to current versions.
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
