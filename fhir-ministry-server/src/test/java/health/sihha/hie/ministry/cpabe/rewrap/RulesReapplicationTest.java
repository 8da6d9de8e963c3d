package health.sihha.hie.ministry.cpabe.rewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.client.SealedResources;
import health.sihha.hie.interceptors.cpabe.envelope.Envelope;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import health.sihha.hie.ministry.MinistryServerTest;
import health.sihha.hie.ministry.cpabe.SealedFixtures;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import health.sihha.hie.ministry.cpabe.seal.SealingRules;
import health.sihha.hie.ministry.cpabe.seal.SharedEncapsulations;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
    RewrapJob job = new RewrapJob(authority, abe, encapsulations, rules, daos, index, versions, progress,
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

  private static Resource open(Observation sealed, UserKey key) {
    return new SealedResources(FHIR).open(sealed, key);
  }
}
