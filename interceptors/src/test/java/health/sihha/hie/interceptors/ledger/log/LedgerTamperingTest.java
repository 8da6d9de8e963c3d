package health.sihha.hie.interceptors.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.MerkleVerifier;
import health.sihha.hie.interceptors.ledger.merkle.NodeId;
import health.sihha.hie.interceptors.ledger.merkle.TreeHasher;
import health.sihha.hie.interceptors.ledger.store.InMemoryLedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.LedgerKeyPair;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeadWitness;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeadWitness.Verdict;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import health.sihha.hie.interceptors.ledger.verify.LedgerEvidence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Someone with the node's database, and even its signing key, changes history. A witness holding an older head,
 * an auditor holding old evidence, the log's own start-up check or the full audit notices.
 */
class LedgerTamperingTest {

  private final InMemoryLedgerStore honest = new InMemoryLedgerStore();
  private final LedgerLog log = TestLogs.open(honest);
  private final TreeHeadWitness witness = new TreeHeadWitness(TestLogs.NODE, TestLogs.KEYS.publicKey());

  /** 200 entries in 4 batches; the witness saw the head at 100, the auditor holds evidence for entry 10 at 100. */
  private LedgerEvidence history() {
    log.appendBatch(TestLogs.entries(0, 50));
    SignedTreeHead at100 = log.appendBatch(TestLogs.entries(50, 100));
    assertThat(witness.observe(at100, null).consistent()).isTrue();
    LedgerEvidence evidence = log.evidence(TestLogs.entry(10).key()).orElseThrow();
    log.appendBatch(TestLogs.entries(100, 150));
    log.appendBatch(TestLogs.entries(150, 200));
    return evidence;
  }

  /** The same node (same key) rebuilds its log from {@code entries}: a rewrite that leaves no trace in the store. */
  private static LedgerLog rebuilt(List<LedgerEntry> entries) {
    LedgerLog forged = TestLogs.open(new InMemoryLedgerStore());
    for (int from = 0; from < entries.size(); from += 64) {
      forged.appendBatch(entries.subList(from, Math.min(entries.size(), from + 64)));
    }
    return forged;
  }

  @Test
  void theHonestLogSatisfiesTheWitnessAndTheAudit() {
    history();
    SignedTreeHead latest = log.latest().orElseThrow();
    assertThat(witness.observe(latest, log.consistencyProof(100, 200)).consistent()).isTrue();
    LedgerAudit.Report report = LedgerAudit.verifyStore(honest, TestLogs.NODE, TestLogs.KEYS.publicKey());
    assertThat(report.problems()).isEmpty();
    assertThat(report.entries()).isEqualTo(200);
    assertThat(report.treeHeads()).isEqualTo(4);
  }

  @Test
  void rewritingAnOldEntryAndRecomputingEverythingFailsConsistency() {
    LedgerEvidence evidence = history();
    List<LedgerEntry> entries = new ArrayList<>(honest.readEntries(0, 200));
    entries.set(10, TestLogs.entry(10, "a different resource"));
    LedgerLog forged = rebuilt(entries);
    SignedTreeHead head = forged.latest().orElseThrow();
    assertThat(TreeHeads.verify(head, TestLogs.KEYS.publicKey())).as("signed with the node's own key").isTrue();

    TreeHeadWitness.Check check = witness.observe(head, forged.consistencyProof(100, 200));
    assertThat(check.verdict()).isEqualTo(Verdict.INCONSISTENT);
    assertThat(witness.latest().orElseThrow().treeSize()).isEqualTo(100);

    // the forged log cannot prove the auditor's entry 10 any more, and its own entry 10 fails the old head
    LedgerEvidence forgedEvidence = forged.evidence(TestLogs.entry(10).key()).orElseThrow();
    assertThat(MerkleVerifier.verifyInclusion(TreeHasher.leafHash(evidence.entry().encode()),
        forged.inclusionProof(10, 200), head.rootHash())).isFalse();
    assertThat(MerkleVerifier.verifyInclusion(TreeHasher.leafHash(forgedEvidence.entry().encode()),
        forged.inclusionProof(10, 100), evidence.treeHead().rootHash())).isFalse();
  }

  @Test
  void deletingAnEntryFailsConsistency() {
    history();
    List<LedgerEntry> entries = new ArrayList<>(honest.readEntries(0, 200));
    entries.remove(10);
    LedgerLog forged = rebuilt(entries);
    SignedTreeHead head = forged.latest().orElseThrow();
    assertThat(head.treeSize()).isEqualTo(199);
    assertThat(witness.observe(head, forged.consistencyProof(100, 199)).verdict()).isEqualTo(Verdict.INCONSISTENT);

    // cut back to before the witness's head: the log shrank
    LedgerLog cut = rebuilt(entries.subList(0, 90));
    assertThat(TreeHeadWitness.check(TestLogs.NODE, TestLogs.KEYS.publicKey(), witness.latest().orElseThrow(),
        cut.latest().orElseThrow(), cut.consistencyProof(90, 90)).verdict()).isEqualTo(Verdict.TREE_SHRANK);
    WitnessAnchor anchor = new WitnessAnchor(witness);
    assertThatThrownBy(() -> cut.anchorTo(anchor)).hasMessageStartingWith("SIHHA-1479: ");
  }

  @Test
  void rewritingAnEntryRowInPlaceIsFoundByTheProofAndTheAudit() {
    LedgerEvidence evidence = history();
    TamperedStore tampered = new TamperedStore(honest);
    tampered.entries.put(10L, TestLogs.entry(10, "a different resource"));
    LedgerLog reopened = TestLogs.open(tampered);
    LedgerEntry changed = reopened.evidence(TestLogs.entry(10).key()).orElseThrow().entry();
    assertThat(changed).isNotEqualTo(evidence.entry());
    assertThat(MerkleVerifier.verifyInclusion(TreeHasher.leafHash(changed.encode()),
        reopened.inclusionProof(10, 200), reopened.latest().orElseThrow().rootHash())).isFalse();
    assertThat(LedgerAudit.verifyStore(tampered, TestLogs.NODE, TestLogs.KEYS.publicKey()).problems())
        .containsExactly("entry 10 (RESOURCE_VERSION Observation/r-10/_history/1) does not match its stored leaf "
            + "hash");
  }

  @Test
  void rewritingAnEntryAndItsLeafHashIsFoundByTheAudit() {
    history();
    TamperedStore tampered = new TamperedStore(honest);
    LedgerEntry changed = TestLogs.entry(10, "a different resource");
    tampered.entries.put(10L, changed);
    tampered.leafHashes.put(10L, TreeHasher.leafHash(changed.encode()));
    assertThat(LedgerAudit.verifyStore(tampered, TestLogs.NODE, TestLogs.KEYS.publicKey()).problems())
        .contains("stored subtree NodeId[level=1, index=5] does not match the entries it covers")
        .anyMatch(problem -> problem.startsWith("tree head of size 50 signs root"));
  }

  @Test
  void aChangedFrontierSubtreeStopsTheLogFromOpening() {
    history();
    TamperedStore tampered = new TamperedStore(honest);
    // 200 = 128 + 64 + 8: the frontier's first subtree is level 7, index 0
    tampered.nodes.put(new NodeId(7, 0), TreeHasher.leafHash(new byte[] {1}));
    assertThatThrownBy(() -> TestLogs.open(tampered)).hasMessageStartingWith("SIHHA-1477: ");
  }

  @Test
  void aForgedHeadIsRejected() {
    history();
    SignedTreeHead latest = log.latest().orElseThrow();
    byte[] signature = latest.signature();
    signature[0] ^= 1;
    SignedTreeHead flipped = new SignedTreeHead(latest.nodeId(), latest.treeSize(), latest.rootHash(),
        latest.timestamp(), signature);
    assertThat(witness.observe(flipped, log.consistencyProof(100, 200)).verdict())
        .isEqualTo(Verdict.NEWER_SIGNATURE_INVALID);

    SignedTreeHead otherKey = TreeHeads.signer(TestLogs.NODE, LedgerKeyPair.generate())
        .sign(latest.treeSize(), latest.rootHash(), latest.timestamp());
    assertThat(witness.observe(otherKey, log.consistencyProof(100, 200)).verdict())
        .isEqualTo(Verdict.NEWER_SIGNATURE_INVALID);

    SignedTreeHead otherNode = TreeHeads.signer("provider-b", TestLogs.KEYS)
        .sign(latest.treeSize(), latest.rootHash(), latest.timestamp());
    assertThat(witness.observe(otherNode, log.consistencyProof(100, 200)).verdict()).isEqualTo(Verdict.OTHER_NODE);
    assertThat(witness.observe(latest, log.consistencyProof(99, 200)).verdict())
        .isEqualTo(Verdict.PROOF_FOR_OTHER_SIZES);
    SignedTreeHead backdated = TestLogs.SIGNER.sign(latest.treeSize(), latest.rootHash(),
        TestLogs.T0.minusSeconds(1));
    assertThat(witness.observe(backdated, log.consistencyProof(100, 200)).verdict())
        .isEqualTo(Verdict.TIME_WENT_BACK);

    TamperedStore tampered = new TamperedStore(honest);
    tampered.heads.put(200L, flipped);
    assertThatThrownBy(() -> TestLogs.open(tampered)).hasMessageStartingWith("SIHHA-1478: ");
    assertThat(LedgerAudit.verifyStore(tampered, TestLogs.NODE, TestLogs.KEYS.publicKey()).problems())
        .containsExactly("tree head of size 200 is not signed by node provider-a");
  }
}
