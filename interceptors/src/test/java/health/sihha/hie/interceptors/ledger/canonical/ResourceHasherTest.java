package health.sihha.hie.interceptors.ledger.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class ResourceHasherTest {

  private final ResourceHasher hasher =
      new ResourceHasher(ResourceCanonicalizer.r4(KnownResources.BASE), KnownResources.SALT);

  @Test
  void knownResourcesHaveKnownHashes() {
    ResourceDigest observation = hasher.digest(KnownResources.OBSERVATION);
    assertThat(observation.salted()).isEqualTo(Hash.fromHex(KnownResources.OBSERVATION_SALTED));
    assertThat(observation.unsalted()).isEqualTo(Hash.fromHex(KnownResources.OBSERVATION_UNSALTED));
    assertThat(observation.canonicalLength()).isEqualTo(446);

    ResourceDigest patient = hasher.digest(KnownResources.PATIENT);
    assertThat(patient.salted()).isEqualTo(Hash.fromHex(KnownResources.PATIENT_SALTED));
    assertThat(patient.unsalted()).isEqualTo(Hash.fromHex(KnownResources.PATIENT_UNSALTED));
  }

  @Test
  void theSaltChangesTheHashNotTheUnsaltedOne() {
    ResourceHasher other = new ResourceHasher(ResourceCanonicalizer.r4(KnownResources.BASE), NodeSalt.generate());
    ResourceDigest digest = other.digest(KnownResources.OBSERVATION);
    assertThat(digest.salted()).isNotEqualTo(Hash.fromHex(KnownResources.OBSERVATION_SALTED));
    assertThat(digest.unsalted()).isEqualTo(Hash.fromHex(KnownResources.OBSERVATION_UNSALTED));
  }

  @Test
  void anEntryNamesTheStoredVersion() {
    Observation observation = ResourceCanonicalizerTest.observation();
    observation.setId("Observation/hb-1/_history/3");
    observation.getMeta().setLastUpdated(Date.from(Instant.parse("2026-11-30T10:15:00.123456Z")));
    LedgerEntry entry = hasher.entry(EntryKind.RESOURCE_VERSION, observation);
    assertThat(entry.key().toString()).isEqualTo("RESOURCE_VERSION Observation/hb-1/_history/3");
    assertThat(entry.hash()).isEqualTo(Hash.fromHex(KnownResources.OBSERVATION_SALTED));
    assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-30T10:15:00.123Z"));

    Observation unsaved = ResourceCanonicalizerTest.observation();
    assertThatThrownBy(() -> hasher.entry(EntryKind.RESOURCE_VERSION, unsaved))
        .hasMessageStartingWith("SIHHA-1456: ");
  }

  @Test
  void aSaltIsLongAndNeverPrinted() {
    assertThatThrownBy(() -> new NodeSalt(new byte[31])).hasMessageStartingWith("SIHHA-1455: ");
    assertThat(KnownResources.SALT.toString()).isEqualTo("NodeSalt[32 bytes]");
    assertThat(NodeSalt.fromBase64(KnownResources.SALT.toBase64())).isEqualTo(KnownResources.SALT);
    assertThat(NodeSalt.generate()).isNotEqualTo(NodeSalt.generate());
  }

  @Test
  void unsavedResourcesHashLikeTheirJson() {
    Observation observation = ResourceCanonicalizerTest.observation();
    String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(observation);
    assertThat(hasher.digest(observation)).isEqualTo(hasher.digest(json));
  }
}
