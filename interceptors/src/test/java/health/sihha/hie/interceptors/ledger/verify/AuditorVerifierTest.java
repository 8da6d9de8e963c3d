package health.sihha.hie.interceptors.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.Sha256;
import health.sihha.hie.interceptors.ledger.canonical.KnownResources;
import health.sihha.hie.interceptors.ledger.canonical.NodeSalt;
import health.sihha.hie.interceptors.ledger.canonical.ResourceCanonicalizer;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.merkle.InclusionProof;
import health.sihha.hie.interceptors.ledger.store.InMemoryLedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.LedgerKeyPair;
import health.sihha.hie.interceptors.ledger.treehead.LedgerPublicKey;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import health.sihha.hie.interceptors.ledger.verify.VerificationResult.Failure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;

/** The auditor's side: a resource from the node, the salt, the evidence file and the node's published key. */
class AuditorVerifierTest {

  private static final LedgerKeyPair KEYS = LedgerKeyPair.generate();
  private final ResourceCanonicalizer canonicalizer = ResourceCanonicalizer.r4(KnownResources.BASE);
  private final AuditorVerifier verifier = new AuditorVerifier(canonicalizer);
  private final LedgerPublicKey published = LedgerPublicKey.fromJwk(KEYS.publicKey().toJwk());

  /** The node anchors the known Observation among 40 other entries and hands out the evidence file. */
  private String evidenceFile() {
    ResourceHasher hasher = new ResourceHasher(canonicalizer, KnownResources.SALT);
    IBaseResource observation = FhirContext.forR4Cached().newJsonParser().parseResource(KnownResources.OBSERVATION);
    LedgerEntry anchored = hasher.entry(EntryKind.RESOURCE_VERSION, observation);
    assertThat(anchored.key().toString()).isEqualTo("RESOURCE_VERSION Observation/hb-1/_history/3");
    assertThat(anchored.time()).isEqualTo(Instant.parse("2026-11-30T10:15:00Z"));

    LedgerLog log = LedgerLog.open(new InMemoryLedgerStore(), TreeHeads.signer("provider-a", KEYS),
        Clock.fixed(Instant.parse("2026-11-30T10:15:01Z"), ZoneOffset.UTC));
    List<LedgerEntry> batch = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      batch.add(LedgerEntry.of(EntryKind.AUDIT_EVENT, "AuditEvent", "ae-" + i, "1",
          Sha256.of(("event " + i).getBytes(StandardCharsets.UTF_8)), Instant.parse("2026-11-30T10:14:00Z")));
      if (i == 17) {
        batch.add(anchored);
      }
    }
    log.appendBatch(batch);
    return EvidenceJson.write(log.evidence(anchored.key()).orElseThrow());
  }

  @Test
  void theAnchoredVersionIsVerified() {
    LedgerEvidence evidence = EvidenceJson.read(evidenceFile());
    assertThat(evidence.proof().leafIndex()).isEqualTo(18);
    VerificationResult result = verifier.verify(KnownResources.OBSERVATION, KnownResources.SALT, evidence, published);
    assertThat(result.failures()).isEmpty();
    assertThat(result.verified()).isTrue();

    // as the server would serve it later: pretty-printed, members in another order, a new narrative
    String served = KnownResources.OBSERVATION.replace("Hb 13.50 g/dL", "Hemoglobin 13.50 g/dL");
    assertThat(verifier.verify(served, KnownResources.SALT, evidence, published).verified()).isTrue();
  }

  @Test
  void aChangedResourceIsAHashMismatch() {
    LedgerEvidence evidence = EvidenceJson.read(evidenceFile());
    String changed = KnownResources.OBSERVATION.replace("13.50", "13.5");
    VerificationResult result = verifier.verify(changed, KnownResources.SALT, evidence, published);
    assertThat(result.failures()).containsExactly(Failure.HASH_MISMATCH);
    assertThat(result.details()).singleElement().asString().startsWith("the resource's salted canonical hash ");

    assertThat(verifier.verify(KnownResources.OBSERVATION, NodeSalt.generate(), evidence, published).failures())
        .containsExactly(Failure.HASH_MISMATCH);
  }

  @Test
  void anotherVersionOrResourceIsAMetadataMismatch() {
    LedgerEvidence evidence = EvidenceJson.read(evidenceFile());
    String otherVersion = KnownResources.OBSERVATION.replace("\"versionId\": \"3\"", "\"versionId\": \"4\"");
    assertThat(verifier.verify(otherVersion, KnownResources.SALT, evidence, published).failures())
        .containsExactly(Failure.METADATA_MISMATCH);
    String otherId = KnownResources.OBSERVATION.replace("\"id\": \"hb-1\"", "\"id\": \"hb-2\"");
    assertThat(verifier.verify(otherId, KnownResources.SALT, evidence, published).failures())
        .containsExactly(Failure.METADATA_MISMATCH);
  }

  @Test
  void aWrongProofIsAnInvalidProof() {
    LedgerEvidence evidence = EvidenceJson.read(evidenceFile());
    InclusionProof proof = evidence.proof();
    List<Hash> flipped = new ArrayList<>(proof.path());
    byte[] bytes = flipped.get(2).bytes();
    bytes[5] ^= 0x10;
    flipped.set(2, new Hash(bytes));
    for (InclusionProof wrong : List.of(new InclusionProof(proof.leafIndex(), proof.treeSize(), flipped),
        new InclusionProof(proof.leafIndex() + 1, proof.treeSize(), proof.path()),
        new InclusionProof(proof.leafIndex(), proof.treeSize() - 1, proof.path()))) {
      VerificationResult result = verifier.verify(KnownResources.OBSERVATION, KnownResources.SALT, evidence.entry(),
          wrong, evidence.treeHead(), published);
      assertThat(result.failures()).as("%s", wrong).containsExactly(Failure.PROOF_INVALID);
    }
    // the entry's own fields are part of the leaf: another time is another leaf
    LedgerEntry retimed = new LedgerEntry(evidence.entry().key(), evidence.entry().hash(),
        evidence.entry().time().plusMillis(1));
    assertThat(verifier.verify(KnownResources.OBSERVATION, KnownResources.SALT, retimed, proof, evidence.treeHead(),
        published).failures()).containsExactly(Failure.PROOF_INVALID);
  }

  @Test
  void aForgedOrForeignSignatureIsAnInvalidSignature() {
    LedgerEvidence evidence = EvidenceJson.read(evidenceFile());
    SignedTreeHead head = evidence.treeHead();
    byte[] signature = head.signature();
    signature[63] ^= 0x01;
    SignedTreeHead forged = new SignedTreeHead(head.nodeId(), head.treeSize(), head.rootHash(), head.timestamp(),
        signature);
    assertThat(verifier.verify(KnownResources.OBSERVATION, KnownResources.SALT, evidence.entry(), evidence.proof(),
        forged, published).failures()).containsExactly(Failure.SIGNATURE_INVALID);
    assertThat(verifier.verify(KnownResources.OBSERVATION, KnownResources.SALT, evidence,
        LedgerKeyPair.generate().publicKey()).failures()).containsExactly(Failure.SIGNATURE_INVALID);

    // everything wrong at once: each failure is named
    VerificationResult all = verifier.verify(KnownResources.OBSERVATION.replace("13.50", "99"), NodeSalt.generate(),
        evidence.entry(), new InclusionProof(0, head.treeSize(), evidence.proof().path()), forged, published);
    assertThat(all.failures())
        .containsExactlyInAnyOrder(Failure.SIGNATURE_INVALID, Failure.PROOF_INVALID, Failure.HASH_MISMATCH);
    assertThat(all.details()).hasSize(3);
  }

  @Test
  void anUnreadableResourceIsNamed() {
    LedgerEvidence evidence = EvidenceJson.read(evidenceFile());
    assertThat(verifier.verify("{\"resourceType\": \"Nope\"}", KnownResources.SALT, evidence, published).failures())
        .containsExactly(Failure.RESOURCE_UNREADABLE);
    assertThat(verifier.verify("not json", KnownResources.SALT, evidence, published).failures())
        .containsExactly(Failure.RESOURCE_UNREADABLE);
  }

  @Test
  void evidenceFilesRoundTripAndRefuseOtherFiles() {
    String file = evidenceFile();
    assertThat(EvidenceJson.write(EvidenceJson.read(file))).isEqualTo(file);
    assertThat(file).contains("\"format\" : \"sihha-ledger-evidence/1\"", "\"logicalId\" : \"hb-1\"");
    assertThatThrownBy(() -> EvidenceJson.read("{\"format\":\"other\"}")).hasMessageStartingWith("SIHHA-1490: ");
    assertThatThrownBy(() -> EvidenceJson.read(file.replace("\"hb-1\"", "1"))).hasMessageStartingWith("SIHHA-1491: ");
    assertThatThrownBy(() -> EvidenceJson.read("{")).hasMessageStartingWith("SIHHA-1491: ");
  }
}
