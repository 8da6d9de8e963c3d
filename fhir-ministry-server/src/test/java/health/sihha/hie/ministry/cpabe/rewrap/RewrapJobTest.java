package health.sihha.hie.ministry.cpabe.rewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.client.SealedResources;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import health.sihha.hie.ministry.MinistryServerTest;
import health.sihha.hie.ministry.cpabe.SealedFixtures;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import health.sihha.hie.ministry.cpabe.seal.SealingInterceptor;
import health.sihha.hie.ministry.cpabe.seal.SealingRules;
import health.sihha.hie.ministry.cpabe.seal.SharedEncapsulations;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The re-wrap job across an interruption: one instance does a step and stops, with its lease still running and even
 * with its last progress record lost; another instance waits out the lease, resumes, and every envelope ends at the
 * new epoch exactly once (one new version each); and the versions in {@code _history} move in place, their bodies
 * unchanged byte for byte, so that no version keeps an envelope a key of the old epoch opens.
 */
class RewrapJobTest extends MinistryServerTest {

  private static final String POLICY = "role:epidemiologist or role:physician";
  /** Long enough that a loaded machine does not let a lease lapse between two steps of a test. */
  private static final Duration LEASE = Duration.ofSeconds(5);

  @Autowired
  private AttributeAuthority authority;

  @Autowired
  private CpAbe abe;

  @Autowired
  private SharedEncapsulations encapsulations;

  @Autowired
  private SealingInterceptor sealing;

  @Autowired
  private SealingRules rules;

  @Autowired
  private DaoRegistry daos;

  @Autowired
  private DataSource dataSource;

  @Autowired
  private EnvelopeIndex index;

  @Autowired
  private StoredVersions versions;

  private RewrapJob instance(String owner, RewrapProgress progress) {
    return new RewrapJob(authority, abe, encapsulations, sealing, rules, daos, index, versions, progress,
        new RewrapProperties(false, Duration.ofHours(1), 1, LEASE), owner, task -> { });
  }

  @Test
  void aSecondInstanceResumesAnInterruptedJobAndMovesEachEnvelopeOnce() throws InterruptedException {
    List<IdType> ids = IntStream.range(0, 3)
        .mapToObj(i -> SealedFixtures.store(daos, SealedFixtures.sealed(authority, POLICY))).toList();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    long firstRow = jdbc.queryForObject("SELECT RES_ID FROM HFJ_RESOURCE WHERE RES_TYPE = 'Observation' AND FHIR_ID = ?",
        Long.class, ids.get(0).getIdPart());
    long epoch = authority.advanceEpoch();
    RewrapProgress progress = new RewrapProgress(dataSource, Clock.systemUTC());
    progress.start(epoch, rules.fingerprint());
    // what came before this test's resources is other tests' data: the job starts here
    assertThat(progress.claim("first", LEASE)).isPresent();
    assertThat(progress.advance("first", epoch, firstRow - 1, 0, 0, null)).isTrue();

    RewrapJob first = instance("first", progress);
    assertThat(first.step()).isTrue();
    assertThat(epochOf(ids.get(0))).isEqualTo(epoch);
    assertThat(epochOf(ids.get(1))).isLessThan(epoch);
    // the first instance stops here, and its last progress record is lost with it
    jdbc.update("UPDATE SIHHA_CPABE_REWRAP SET CURSOR_ID = ? WHERE EPOCH = ?", firstRow - 1, epoch);

    RewrapJob second = instance("second", progress);
    assertThat(second.step()).as("the first instance's lease still holds").isFalse();
    Thread.sleep(LEASE.plusMillis(100).toMillis());
    second.runToEnd();

    RewrapStatus status = progress.find(epoch).orElseThrow();
    assertThat(status.state()).isEqualTo(RewrapStatus.DONE);
    // each resource: its current version through the DAO, then the version that superseded in place
    assertThat(status.rewrapped()).isEqualTo(6);
    assertThat(status.failed()).isZero();
    for (IdType id : ids) {
      assertThat(epochOf(id)).isEqualTo(epoch);
      assertThat(SealedFixtures.read(daos, id).getMeta().getVersionId()).isEqualTo("2");
    }
  }

  @Test
  void historyVersionsMoveInPlaceWithTheirBodiesUnchanged() {
    IdType id = SealedFixtures.store(daos, SealedFixtures.sealed(authority, POLICY));
    Observation second = SealedFixtures.sealed(authority, POLICY);
    second.setId(id.getIdPart());
    daos.getResourceDao(Observation.class).update(second, new SystemRequestDetails());
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    long pid = jdbc.queryForObject("SELECT RES_ID FROM HFJ_RESOURCE WHERE RES_TYPE = 'Observation' AND FHIR_ID = ?",
        Long.class, id.getIdPart());
    long before = authority.epoch();
    List<byte[]> bodies = List.of(1L, 2L).stream().map(version -> SealedFixtures.bodyOf(envelope(pid, version)))
        .toList();
    UserKey oldKey = abe.keyGen(authority.masterKey(), "old", List.of("role:physician"), before);
    assertThat(open(pid, 1, oldKey)).contains(SealedFixtures.SECRET);

    long epoch = authority.advanceEpoch();
    RewrapProgress progress = new RewrapProgress(dataSource, Clock.systemUTC());
    progress.start(epoch, rules.fingerprint());
    assertThat(progress.claim("history", Duration.ofMinutes(1))).isPresent();
    assertThat(progress.advance("history", epoch, pid - 1, 0, 0, null)).isTrue();
    instance("history", progress).runToEnd();

    assertThat(progress.find(epoch).orElseThrow().failed()).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SIHHA_CPABE_ENVELOPE WHERE RES_ID = ? AND EPOCH < ?",
        Long.class, pid, epoch)).as("no version indexed under an older epoch").isZero();
    assertThat(SealedFixtures.read(daos, id).getMeta().getVersionId()).isEqualTo("3");
    for (long version = 1; version <= 3; version++) {
      byte[] envelope = envelope(pid, version);
      assertThat(CpAbe.inspect(envelope).epoch()).as("version " + version).isEqualTo(epoch);
      assertThat(SealedFixtures.bodyOf(envelope)).as("body of version " + version)
          .isEqualTo(bodies.get(version == 1 ? 0 : 1));
    }
    UserKey newKey = abe.keyGen(authority.masterKey(), "new", List.of("role:physician"), epoch);
    assertThat(open(pid, 1, newKey)).contains(SealedFixtures.SECRET);
    assertThatThrownBy(() -> open(pid, 1, oldKey)).as("a key of the old epoch opens no version any more")
        .isInstanceOf(EnvelopeOpenException.class);
    UserKey pharmacist = abe.keyGen(authority.masterKey(), "other", List.of("role:pharmacist"), epoch);
    assertThatThrownBy(() -> open(pid, 1, pharmacist)).isInstanceOf(EnvelopeOpenException.class);
  }

  private byte[] envelope(long pid, long version) {
    return SealedResources.envelope(versions.read(pid, version).orElseThrow());
  }

  private String open(long pid, long version, UserKey key) {
    return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(
        new SealedResources(FhirContext.forR4Cached()).open(versions.read(pid, version).orElseThrow(), key));
  }

  private long epochOf(IdType id) {
    Observation stored = SealedFixtures.read(daos, id);
    return CpAbe.inspect(SealedResources.envelope(stored)).epoch();
  }
}
