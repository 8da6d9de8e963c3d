package health.sihha.hie.ministry.cpabe.rewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.client.SealedResources;
import health.sihha.hie.interceptors.cpabe.envelope.Envelope;
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
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rules changed after sealing: an Observation sealed under an older rule's policy ({@code role:physician}) is moved,
 * once the job runs under the current rules, to the policy of the rule that now matches it (the default
 * {@code clinical} rule, which admits nurses), in the same epoch, with its body's bytes unchanged; one sealed under
 * the current policy is left as it is. A start under the same rules starts no job.
 */
class RulesReapplicationTest extends MinistryServerTest {

  private static final String OLD_POLICY = "role:physician";
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Autowired
  private AttributeAuthority authority;

  @Autowired
  private CpAbe abe;

  @Autowired
  private SharedEncapsulations encapsulations;

  @Autowired
  private SealingInterceptor sealing;

  @Autowired
  private IInterceptorService jpaInterceptors;

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

  @Test
  void envelopesSealedUnderOtherRulesMoveToTheCurrentPolicyWithTheirBodiesUnchanged() {
    Observation template = SealedFixtures.sealed(authority, OLD_POLICY);
    String currentPolicy = rules.policy(template).orElseThrow();
    IdType stale = SealedFixtures.store(daos, template);
    IdType current = SealedFixtures.store(daos, SealedFixtures.sealed(authority, currentPolicy));
    byte[] staleBefore = SealedResources.envelope(SealedFixtures.read(daos, stale));
    long epoch = authority.epoch();
    UserKey nurse = abe.keyGen(authority.masterKey(), "nurse", List.of("role:nurse"), epoch);
    UserKey pharmacist = abe.keyGen(authority.masterKey(), "pharmacist", List.of("role:pharmacist"), epoch);
    assertThatThrownBy(() -> open(SealedFixtures.read(daos, stale), nurse))
        .as("the old policy does not admit nurses").isInstanceOf(EnvelopeOpenException.class);

    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    // the store was last moved under other rules
    jdbc.update("UPDATE SIHHA_CPABE_REWRAP SET RULES = 'rules-before'");
    RewrapProgress progress = new RewrapProgress(dataSource, Clock.systemUTC());
    RewrapJob job = new RewrapJob(authority, abe, encapsulations, sealing, rules, daos, index, versions, progress,
        new RewrapProperties(false, Duration.ofHours(1), 10, Duration.ofMinutes(1)), "rules-test", task -> { });
    assertThat(job.reapplyChangedRules()).isTrue();
    assertThat(job.reapplyChangedRules()).as("the same rules again: the job already recorded").isFalse();
    RewrapStatus started = progress.latest().orElseThrow();
    assertThat(started.epoch()).isEqualTo(epoch);
    assertThat(started.rules()).isEqualTo(rules.fingerprint());
    assertThat(started.state()).isEqualTo(RewrapStatus.RUNNING);

    // what came before this test's resources is other tests' data: the job starts here
    long firstRow = jdbc.queryForObject("SELECT RES_ID FROM HFJ_RESOURCE WHERE RES_TYPE = 'Observation'"
        + " AND FHIR_ID = ?", Long.class, stale.getIdPart());
    assertThat(progress.claim("rules-test", Duration.ofMinutes(1))).isPresent();
    assertThat(progress.advance("rules-test", epoch, firstRow - 1, 0, 0, null)).isTrue();
    job.runToEnd();

    RewrapStatus done = progress.find(epoch).orElseThrow();
    assertThat(done.state()).isEqualTo(RewrapStatus.DONE);
    assertThat(done.rewrapped()).isEqualTo(1);
    assertThat(done.failed()).isZero();
    Observation moved = SealedFixtures.read(daos, stale);
    byte[] staleAfter = SealedResources.envelope(moved);
    Envelope header = CpAbe.inspect(staleAfter);
    assertThat(header.policy()).isEqualTo(currentPolicy);
    assertThat(header.epoch()).isEqualTo(epoch);
    assertThat(SealedFixtures.bodyOf(staleAfter)).as("nonce, ciphertext and tag of the body")
        .isEqualTo(SealedFixtures.bodyOf(staleBefore));
    assertThat(FHIR.newJsonParser().encodeResourceToString(open(moved, nurse))).contains(SealedFixtures.SECRET);
    assertThatThrownBy(() -> open(moved, pharmacist)).isInstanceOf(EnvelopeOpenException.class);
    assertThat(SealedFixtures.read(daos, current).getMeta().getVersionId()).as("already under the current rules")
        .isEqualTo("1");
  }

  @Test
  void aResourceStoredInClearThatARuleNowMatchesIsSealedWithEveryVersionOfItsHistory() {
    String first = "potassium " + UUID.randomUUID();
    String second = "potassium corrected " + UUID.randomUUID();
    IFhirResourceDao<Observation> dao = daos.getResourceDao(Observation.class);
    IdType id;
    // stored when no rule matched Observations: the sealing hook is off while it is written and updated
    jpaInterceptors.unregisterInterceptor(sealing);
    try {
      id = SealedFixtures.store(daos, clearObservation(first));
      Observation updated = clearObservation(second);
      updated.setId(id);
      dao.update(updated, new SystemRequestDetails());
    } finally {
      jpaInterceptors.registerInterceptor(sealing);
    }
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    long row = jdbc.queryForObject("SELECT RES_ID FROM HFJ_RESOURCE WHERE RES_TYPE = 'Observation' AND FHIR_ID = ?",
        Long.class, id.getIdPart());
    assertThat(String.join("\n", storedTexts(jdbc, row))).contains(first).contains(second);

    jdbc.update("UPDATE SIHHA_CPABE_REWRAP SET RULES = 'rules-before'");
    RewrapProgress progress = new RewrapProgress(dataSource, Clock.systemUTC());
    RewrapJob job = new RewrapJob(authority, abe, encapsulations, sealing, rules, daos, index, versions, progress,
        new RewrapProperties(false, Duration.ofHours(1), 10, Duration.ofMinutes(1)), "clear-test", task -> { });
    assertThat(job.reapplyChangedRules()).isTrue();
    long epoch = authority.epoch();
    assertThat(progress.claim("clear-test", Duration.ofMinutes(1))).isPresent();
    assertThat(progress.advance("clear-test", epoch, row - 1, 0, 0, null)).isTrue();
    job.runToEnd();

    assertThat(progress.find(epoch).orElseThrow().failed()).isZero();
    List<String> stored = storedTexts(jdbc, row);
    assertThat(stored).as("the two versions sealed in place and the sealed third").hasSize(3)
        .allSatisfy(text -> assertThat(text).contains(SealedResources.SEALED_CONTENT).doesNotContain("potassium"));
    Observation current = SealedFixtures.read(daos, id);
    assertThat(current.getMeta().getVersionId()).isEqualTo("3");
    assertThat(CpAbe.inspect(SealedResources.envelope(current)).policy())
        .isEqualTo(rules.policy(current).orElseThrow());
    UserKey nurse = abe.keyGen(authority.masterKey(), "nurse", List.of("role:nurse"), epoch);
    assertThat(((Observation) open(current, nurse)).getCode().getText()).isEqualTo(second);
    Observation firstVersion = dao.read(id.withVersion("1"), new SystemRequestDetails());
    assertThat(firstVersion.getCode().getText()).as("the server opens the version sealed in place").isEqualTo(first);
    assertThat(SealedResources.isSealed(firstVersion)).isFalse();
  }

  private static Observation clearObservation(String text) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().setText(text);
    return observation;
  }

  private static List<String> storedTexts(JdbcTemplate jdbc, long row) {
    return jdbc.queryForList("SELECT RES_TEXT_VC FROM HFJ_RES_VER WHERE RES_ID = ? ORDER BY RES_VER", String.class,
        row);
  }

  private static Resource open(Observation sealed, UserKey key) {
    return new SealedResources(FHIR).open(sealed, key);
  }
}
