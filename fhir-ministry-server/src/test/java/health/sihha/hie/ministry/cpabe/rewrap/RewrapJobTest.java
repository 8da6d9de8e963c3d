package health.sihha.hie.ministry.cpabe.rewrap;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.client.SealedResources;
import health.sihha.hie.ministry.MinistryServerTest;
import health.sihha.hie.ministry.cpabe.SealedFixtures;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
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
 * new epoch exactly once (one new version each).
 */
class RewrapJobTest extends MinistryServerTest {

  private static final String POLICY = "role:epidemiologist or role:physician";

  @Autowired
  private AttributeAuthority authority;

  @Autowired
  private CpAbe abe;

  @Autowired
  private DaoRegistry daos;

  @Autowired
  private DataSource dataSource;

  private RewrapJob instance(String owner, RewrapProgress progress) {
    return new RewrapJob(authority, abe, daos, dataSource, progress,
        new RewrapProperties(false, Duration.ofHours(1), 1, Duration.ofMillis(500)), owner, task -> { });
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
    progress.start(epoch);
    // what came before this test's resources is other tests' data: the job starts here
    assertThat(progress.claim("first", Duration.ofMillis(500))).isPresent();
    assertThat(progress.advance("first", epoch, firstRow - 1, 0, 0, null)).isTrue();

    RewrapJob first = instance("first", progress);
    assertThat(first.step()).isTrue();
    assertThat(epochOf(ids.get(0))).isEqualTo(epoch);
    assertThat(epochOf(ids.get(1))).isLessThan(epoch);
    // the first instance stops here, and its last progress record is lost with it
    jdbc.update("UPDATE SIHHA_CPABE_REWRAP SET CURSOR_ID = ? WHERE EPOCH = ?", firstRow - 1, epoch);

    RewrapJob second = instance("second", progress);
    assertThat(second.step()).as("the first instance's lease still holds").isFalse();
    Thread.sleep(600);
    second.runToEnd();

    RewrapStatus status = progress.find(epoch).orElseThrow();
    assertThat(status.state()).isEqualTo(RewrapStatus.DONE);
    assertThat(status.rewrapped()).isEqualTo(3);
    assertThat(status.failed()).isZero();
    for (IdType id : ids) {
      assertThat(epochOf(id)).isEqualTo(epoch);
      assertThat(SealedFixtures.read(daos, id).getMeta().getVersionId()).isEqualTo("2");
    }
  }

  private long epochOf(IdType id) {
    Observation stored = SealedFixtures.read(daos, id);
    return CpAbe.inspect(SealedResources.envelope(stored)).epoch();
  }
}
