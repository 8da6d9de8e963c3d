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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Moves sealed content to a new key epoch after {@link AttributeAuthority#advanceEpoch()}: for each current resource
 * carrying the sealed-content extension under an older epoch, {@link CpAbe#rewrap} gives a new ABE header and wrap of
 * the same data key (the body's bytes are copied, never decrypted), stored as a new version through the DAO.
 *
 * <p>It works in steps of {@code batchSize} resources in database-id order, recording the cursor after each; a step
 * runs only under a claim on the job's row ({@link RewrapProgress}), so two instances never run one job at once.
 * Each resource is one DAO update conditional on the version read, so a ministry stopped mid-step loses nothing:
 * what was stored is complete, what was not keeps its old envelope, and the next claimant redoes the step, skipping
 * envelopes already at the epoch. A provider update arriving meanwhile wins (it is sealed under the current epoch).
 */
public final class RewrapJob {

  /** Request user data set on the job's updates: the content is sealed already, only its envelope changes. */
  public static final String REWRAP_USER_DATA = "sihha.cpabe.rewrap";

  private static final Logger LOG = LoggerFactory.getLogger(RewrapJob.class);
  private static final int MAX_ERROR = 1000;

  private final AttributeAuthority authority;
  private final CpAbe abe;
  private final DaoRegistry daos;
  private final JdbcTemplate resources;
  private final RewrapProgress progress;
  private final RewrapProperties properties;
  private final String owner;
  private final Executor background;

  RewrapJob(AttributeAuthority authority, CpAbe abe, DaoRegistry daos, DataSource dataSource, RewrapProgress progress,
      RewrapProperties properties, String owner, Executor background) {
    this.authority = requireNonNull(authority);
    this.abe = requireNonNull(abe);
    this.daos = requireNonNull(daos);
    this.resources = new JdbcTemplate(requireNonNull(dataSource));
    this.resources.setMaxRows(properties.batchSize());
    this.progress = requireNonNull(progress);
    this.properties = requireNonNull(properties);
    this.owner = requireNonNull(owner);
    this.background = requireNonNull(background);
  }

  /** Records the job to {@code epoch} and hands it to the background worker (or to {@link #step()} calls). */
  public void start(long epoch) {
    progress.start(epoch);
    background.execute(this::runToEnd);
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
    List<Row> rows = resources.query("SELECT RES_ID, RES_TYPE, FHIR_ID FROM HFJ_RESOURCE WHERE RES_ID > ?"
        + " AND RES_DELETED_AT IS NULL ORDER BY RES_ID",
        (rs, i) -> new Row(rs.getLong("RES_ID"), rs.getString("RES_TYPE"), rs.getString("FHIR_ID")), job.cursor());
    if (rows.isEmpty()) {
      progress.finish(owner, job.epoch());
      LOG.info("re-wrap to key epoch {} done: {} envelopes moved, {} failed", job.epoch(), job.rewrapped(),
          job.failed());
      return false;
    }
    long moved = 0;
    long failed = 0;
    String lastError = null;
    for (Row row : rows) {
      try {
        moved += rewrap(row, job.epoch()) ? 1 : 0;
      } catch (RuntimeException e) {
        failed++;
        lastError = truncate(Codes.of(1581) + row.type() + "/" + row.fhirId() + ": " + e.getMessage());
        LOG.warn("re-wrap of {}/{} to key epoch {} failed", row.type(), row.fhirId(), job.epoch(), e);
      }
    }
    return progress.advance(owner, job.epoch(), rows.get(rows.size() - 1).id(), moved, failed, lastError);
  }

  private boolean rewrap(Row row, long epoch) {
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
    if (header.epoch() >= epoch) {
      return false;
    }
    SealContext context = SealedResources.contextOf(resource);
    byte[] moved = abe.rewrap(authority.masterKey(), envelope, context, header.policy(), epoch);
    ((DomainResource) resource).getExtensionByUrl(SealedResources.SEALED_CONTENT)
        .setValue(new Base64BinaryType(moved));
    SystemRequestDetails request = new SystemRequestDetails();
    request.getUserData().put(REWRAP_USER_DATA, epoch);
    // the id keeps the version read: HAPI refuses the update (409) if a provider's update came in between
    dao.update(resource, request);
    return true;
  }

  private static String truncate(String message) {
    return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
  }

  private record Row(long id, String type, String fhirId) {}
}
