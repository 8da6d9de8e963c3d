package health.sihha.hie.interceptors.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.Sha256;
import health.sihha.hie.interceptors.ledger.merkle.CompactRange;
import health.sihha.hie.interceptors.ledger.merkle.NodeId;
import health.sihha.hie.interceptors.ledger.merkle.TreeHasher;
import health.sihha.hie.interceptors.ledger.merkle.TreeNode;
import health.sihha.hie.interceptors.ledger.treehead.LedgerKeyPair;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryLedgerStoreTest {

  private static final TreeHeads.Signer SIGNER = TreeHeads.signer("n", LedgerKeyPair.generate());

  private final InMemoryLedgerStore store = new InMemoryLedgerStore();
  private final CompactRange frontier = CompactRange.empty();

  private AppendBatch batch(int from, int to) {
    CompactRange next = frontier.copy();
    List<LedgerEntry> entries = new ArrayList<>();
    List<Hash> leaves = new ArrayList<>();
    List<TreeNode> nodes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      LedgerEntry entry = LedgerEntry.of(EntryKind.RESOURCE_VERSION, "Patient", "p" + i, "1",
          Sha256.of(("p" + i).getBytes(StandardCharsets.UTF_8)), Instant.EPOCH);
      entries.add(entry);
      next.append(TreeHasher.leafHash(entry.encode()), node -> {
        if (node.id().level() == 0) {
          leaves.add(node.hash());
        } else {
          nodes.add(node);
        }
      });
    }
    return new AppendBatch(frontier.size(), entries, leaves, nodes, SIGNER.sign(next.size(), next.root(),
        Instant.EPOCH));
  }

  private void append(int from, int to) {
    AppendBatch batch = batch(from, to);
    store.append(batch);
    batch.entries().forEach(e -> frontier.append(TreeHasher.leafHash(e.encode()), node -> { }));
  }

  @Test
  void keepsAndReadsWhatWasAppended() {
    append(0, 5000);
    append(5000, 5003);
    assertThat(store.size()).isEqualTo(5003);
    assertThat(store.readEntries(4999, 5001)).extracting(e -> e.key().logicalId()).containsExactly("p4999", "p5000");
    assertThat(store.readLeafHashes(4096, 4097)).isEqualTo(store.readNodes(List.of(new NodeId(0, 4096))));
    assertThat(CompactRange.of(5003, store.readNodes(CompactRange.ids(5003))).root()).isEqualTo(frontier.root());
    assertThat(store.latestTreeHead().orElseThrow().treeSize()).isEqualTo(5003);
    assertThat(store.treeHeads(1, 5003)).extracting(h -> h.treeSize()).containsExactly(5000L, 5003L);
    assertThat(store.treeHead(5000)).isPresent();
    assertThat(store.treeHead(4000)).isEmpty();
    assertThat(store.indexOf(store.readEntries(77, 78).get(0).key())).hasValue(77);
  }

  @Test
  void refusesWhatADatabaseWouldRefuseAndKeepsNothingOfIt() {
    append(0, 3);
    AppendBatch next = batch(3, 6);
    AppendBatch duplicate = new AppendBatch(3, List.of(next.entries().get(0), store.readEntries(0, 1).get(0),
        next.entries().get(2)), next.leafHashes(), next.nodes(), next.treeHead());
    assertThatThrownBy(() -> store.append(duplicate)).hasMessageStartingWith("SIHHA-1475: ");
    AppendBatch skipping = new AppendBatch(3, next.entries(), next.leafHashes(),
        List.of(new TreeNode(new NodeId(1, 7), next.leafHashes().get(0))), next.treeHead());
    assertThatThrownBy(() -> store.append(skipping)).hasMessageStartingWith("SIHHA-1474: ");
    assertThat(store.size()).isEqualTo(3);
    assertThat(store.indexOf(next.entries().get(0).key())).isEmpty();
    store.append(next);
    assertThat(store.size()).isEqualTo(6);
    // the same batch again: made on what is now a stale view
    assertThatThrownBy(() -> store.append(next)).hasMessageStartingWith("SIHHA-1474: ");
  }

  @Test
  void readsOnlyWhatItHolds() {
    append(0, 3);
    assertThatThrownBy(() -> store.readEntries(2, 4)).hasMessageStartingWith("SIHHA-1476: ");
    assertThatThrownBy(() -> store.readNodes(List.of(new NodeId(2, 0)))).hasMessageStartingWith("SIHHA-1476: ");
    assertThatThrownBy(() -> new AppendBatch(2, List.of(), List.of(), List.of(), store.latestTreeHead().orElseThrow()))
        .hasMessageStartingWith("SIHHA-1473: ");
  }
}
