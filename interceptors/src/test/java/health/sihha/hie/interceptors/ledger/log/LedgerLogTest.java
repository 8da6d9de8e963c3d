package health.sihha.hie.interceptors.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.InclusionProof;
import health.sihha.hie.interceptors.ledger.merkle.MerkleVerifier;
import health.sihha.hie.interceptors.ledger.merkle.TreeHasher;
import health.sihha.hie.interceptors.ledger.store.InMemoryLedgerStore;
import health.sihha.hie.interceptors.ledger.store.LedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeadWitness;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import health.sihha.hie.interceptors.ledger.verify.LedgerEvidence;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerLogTest {

  @Test
  void batchesAppendAndSignTheRfcRoot() {
    LedgerLog log = TestLogs.open(new InMemoryLedgerStore());
    assertThat(log.latest()).isEmpty();
    List<LedgerEntry> all = new ArrayList<>();
    int[] batches = {1, 2, 5, 8, 13, 1, 100, 3};
    for (int size : batches) {
      List<LedgerEntry> batch = TestLogs.entries(all.size(), all.size() + size);
      all.addAll(batch);
      SignedTreeHead head = log.appendBatch(batch);
      assertThat(head.treeSize()).isEqualTo(all.size());
      assertThat(head.rootHash()).isEqualTo(TestLogs.mth(all));
      assertThat(head.nodeId()).isEqualTo(TestLogs.NODE);
      assertThat(head.timestamp()).isEqualTo(TestLogs.T0);
      assertThat(TreeHeads.verify(head, TestLogs.KEYS.publicKey())).isTrue();
    }
    assertThat(log.size()).isEqualTo(133);
    assertThat(log.rootHash(50)).isEqualTo(TestLogs.mth(all.subList(0, 50)));
  }

  @Test
  void anEmptyBatchSignsTheEmptyTreeOnceAndAppendsNothing() {
    LedgerStore store = new InMemoryLedgerStore();
    LedgerLog log = TestLogs.open(store);
    SignedTreeHead empty = log.appendBatch(List.of());
    assertThat(empty.treeSize()).isZero();
    assertThat(empty.rootHash()).isEqualTo(TreeHasher.EMPTY_ROOT);
    assertThat(log.appendBatch(List.of())).isEqualTo(empty);
    SignedTreeHead one = log.appendBatch(TestLogs.entries(0, 1));
    assertThat(log.appendBatch(List.of())).isEqualTo(one);
    assertThat(store.treeHeads(0, 10)).containsExactly(empty, one);
  }

  @Test
  void everyEntryIsProvenInEveryLaterTree() {
    LedgerStore store = new InMemoryLedgerStore();
    LedgerLog log = TestLogs.open(store);
    List<SignedTreeHead> heads = new ArrayList<>();
    for (int from = 0; from < 300; from += 37) {
      heads.add(log.appendBatch(TestLogs.entries(from, Math.min(300, from + 37))));
    }
    List<LedgerEntry> entries = store.readEntries(0, 300);
    for (SignedTreeHead head : heads) {
      for (int i = 0; i < head.treeSize(); i += 7) {
        InclusionProof proof = log.inclusionProof(i, head.treeSize());
        assertThat(MerkleVerifier.verifyInclusion(TreeHasher.leafHash(entries.get(i).encode()), proof,
            head.rootHash())).isTrue();
      }
    }
    TreeHeadWitness witness = new TreeHeadWitness(TestLogs.NODE, TestLogs.KEYS.publicKey());
    for (SignedTreeHead older : heads) {
      for (SignedTreeHead newer : heads) {
        if (newer.treeSize() >= older.treeSize()) {
          TreeHeadWitness.Check check = TreeHeadWitness.check(TestLogs.NODE, TestLogs.KEYS.publicKey(), older, newer,
              log.consistencyProof(older.treeSize(), newer.treeSize()));
          assertThat(check.consistent()).as(check.detail()).isTrue();
        }
      }
      SignedTreeHead previous = witness.latest().orElse(null);
      assertThat(witness.observe(older, previous == null ? null
          : log.consistencyProof(previous.treeSize(), older.treeSize())).consistent()).isTrue();
    }
    assertThat(witness.latest()).contains(heads.get(heads.size() - 1));
  }

  @Test
  void evidenceNamesTheEntryItsProofAndTheLatestHead() {
    LedgerStore store = new InMemoryLedgerStore();
    LedgerLog log = TestLogs.open(store);
    log.appendBatch(TestLogs.entries(0, 10));
    SignedTreeHead head = log.appendBatch(TestLogs.entries(10, 21));
    LedgerEvidence evidence = log.evidence(TestLogs.entry(13).key()).orElseThrow();
    assertThat(evidence.entry()).isEqualTo(TestLogs.entry(13));
    assertThat(evidence.treeHead()).isEqualTo(head);
    assertThat(evidence.proof().leafIndex()).isEqualTo(13);
    assertThat(MerkleVerifier.verifyInclusion(TreeHasher.leafHash(evidence.entry().encode()), evidence.proof(),
        head.rootHash())).isTrue();
    assertThat(log.evidence(TestLogs.entry(21).key())).isEmpty();
  }

  @Test
  void aRestartedLogContinuesTheSameLog() {
    LedgerStore store = new InMemoryLedgerStore();
    LedgerLog before = TestLogs.open(store);
    before.appendBatch(TestLogs.entries(0, 77));
    SignedTreeHead old = before.appendBatch(TestLogs.entries(77, 100));
    InclusionProof oldProof = before.inclusionProof(42, 100);

    LedgerLog after = TestLogs.open(store);
    assertThat(after.latest()).contains(old);
    assertThat(after.size()).isEqualTo(100);
    SignedTreeHead newer = after.appendBatch(TestLogs.entries(100, 131));
    assertThat(newer.rootHash()).isEqualTo(TestLogs.mth(TestLogs.entries(0, 131)));
    assertThat(after.inclusionProof(42, 100)).isEqualTo(oldProof);
    assertThat(TreeHeadWitness.check(TestLogs.NODE, TestLogs.KEYS.publicKey(), old, newer,
        after.consistencyProof(100, 131)).consistent()).isTrue();
  }

  @Test
  void headsNeverGoBackInTime() {
    LedgerStore store = new InMemoryLedgerStore();
    TestLogs.open(store).appendBatch(TestLogs.entries(0, 3));
    LedgerLog late = LedgerLog.open(store, TestLogs.SIGNER,
        Clock.fixed(TestLogs.T0.minusSeconds(3600), ZoneOffset.UTC));
    assertThat(late.appendBatch(TestLogs.entries(3, 4)).timestamp()).isEqualTo(TestLogs.T0);
  }

  @Test
  void aRefusedBatchChangesNothing() {
    LedgerStore store = new InMemoryLedgerStore();
    LedgerLog log = TestLogs.open(store);
    SignedTreeHead head = log.appendBatch(TestLogs.entries(0, 5));
    // the same key twice: the store refuses the batch as a database's unique key would
    assertThatThrownBy(() -> log.appendBatch(TestLogs.entries(4, 8))).hasMessageStartingWith("SIHHA-1475: ");
    assertThat(log.latest()).contains(head);
    assertThat(store.size()).isEqualTo(5);
    assertThat(log.appendBatch(TestLogs.entries(5, 8)).rootHash()).isEqualTo(TestLogs.mth(TestLogs.entries(0, 8)));
  }

  @Test
  void aSecondWriterOrARolledBackAppendMakesTheLogReload() {
    LedgerStore store = new InMemoryLedgerStore();
    LedgerLog first = TestLogs.open(store);
    LedgerLog second = TestLogs.open(store);
    first.appendBatch(TestLogs.entries(0, 10));
    SignedTreeHead head = second.appendBatch(TestLogs.entries(10, 15));
    assertThat(head.rootHash()).isEqualTo(TestLogs.mth(TestLogs.entries(0, 15)));
    assertThat(first.appendBatch(TestLogs.entries(15, 16)).rootHash())
        .isEqualTo(TestLogs.mth(TestLogs.entries(0, 16)));
  }

  @Test
  void anchoringSendsEachHeadWithItsProof() {
    LedgerLog log = TestLogs.open(new InMemoryLedgerStore());
    WitnessAnchor anchor = new WitnessAnchor(new TreeHeadWitness(TestLogs.NODE, TestLogs.KEYS.publicKey()));
    log.anchorTo(anchor);
    assertThat(anchor.latestAnchored()).isEmpty();
    for (int from = 0; from < 100; from += 30) {
      log.appendBatch(TestLogs.entries(from, from + 30));
      log.anchorTo(anchor);
      log.anchorTo(anchor);
      assertThat(anchor.latestAnchored()).isEqualTo(log.latest());
    }
  }

  @Test
  void proofsOnlyForTreesTheLogHas() {
    LedgerLog log = TestLogs.open(new InMemoryLedgerStore());
    log.appendBatch(TestLogs.entries(0, 4));
    assertThatThrownBy(() -> log.inclusionProof(0, 5)).hasMessageStartingWith("SIHHA-1476: ");
    assertThatThrownBy(() -> log.inclusionProof(4, 4)).hasMessageStartingWith("SIHHA-1470: ");
    assertThatThrownBy(() -> log.consistencyProof(3, 2)).hasMessageStartingWith("SIHHA-1471: ");
  }
}
