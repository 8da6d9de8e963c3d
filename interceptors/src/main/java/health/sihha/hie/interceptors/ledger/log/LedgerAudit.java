package health.sihha.hie.interceptors.ledger.log;

import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.CompactRange;
import health.sihha.hie.interceptors.ledger.merkle.NodeId;
import health.sihha.hie.interceptors.ledger.merkle.TreeHasher;
import health.sihha.hie.interceptors.ledger.merkle.TreeNode;
import health.sihha.hie.interceptors.ledger.store.LedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.LedgerPublicKey;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A full check of a ledger store, O(n): every entry re-hashed and compared with its stored leaf hash, every stored
 * subtree recomputed from the stored leaf hashes, every stored tree head's signature and root checked. What
 * {@link LedgerLog#open} does not do (it checks the frontier only): run it after a restore, on a schedule, or when a
 * witness reports a problem.
 */
public final class LedgerAudit {

  private static final int CHUNK = 4096;
  private static final int MAX_PROBLEMS = 50;

  private LedgerAudit() {}

  /**
   * What the audit found.
   *
   * @param entries the entries checked
   * @param treeHeads the tree heads checked
   * @param problems what does not match, first ones first (at most 50)
   */
  public record Report(long entries, long treeHeads, List<String> problems) {

    public Report {
      problems = List.copyOf(problems);
    }

    /** Whether nothing was found. */
    public boolean intact() {
      return problems.isEmpty();
    }
  }

  /** Checks everything {@code store} holds against itself and node {@code nodeId}'s {@code key}. */
  public static Report verifyStore(LedgerStore store, String nodeId, LedgerPublicKey key) {
    List<String> problems = new ArrayList<>();
    long size = store.size();
    long headsChecked = 0;
    CompactRange frontier = CompactRange.empty();
    Optional<SignedTreeHead> empty = store.treeHead(0);
    if (empty.isPresent()) {
      headsChecked++;
      checkHead(empty.get(), frontier.root(), nodeId, key, problems);
    }
    for (long from = 0; from < size && problems.size() < MAX_PROBLEMS; from += CHUNK) {
      long to = Math.min(size, from + CHUNK);
      List<LedgerEntry> entries = store.readEntries(from, to);
      List<Hash> leafHashes = store.readLeafHashes(from, to);
      Map<Long, SignedTreeHead> heads = new TreeMap<>();
      for (SignedTreeHead head : store.treeHeads(from + 1, to)) {
        heads.put(head.treeSize(), head);
      }
      List<TreeNode> computed = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        long leaf = from + i;
        Hash leafHash = TreeHasher.leafHash(entries.get(i).encode());
        if (!leafHash.equals(leafHashes.get(i))) {
          add(problems, "entry " + leaf + " (" + entries.get(i).key() + ") does not match its stored leaf hash");
        }
        // the tree goes on from the stored leaf hash, so that a changed entry row is reported once, apart from a
        // changed tree
        frontier.append(leafHashes.get(i), node -> {
          if (node.id().level() > 0) {
            computed.add(node);
          }
        });
        SignedTreeHead head = heads.get(leaf + 1);
        if (head != null) {
          headsChecked++;
          checkHead(head, frontier.root(), nodeId, key, problems);
        }
      }
      List<NodeId> ids = computed.stream().map(TreeNode::id).toList();
      List<Hash> stored = ids.isEmpty() ? List.of() : store.readNodes(ids);
      for (int i = 0; i < ids.size(); i++) {
        if (!stored.get(i).equals(computed.get(i).hash())) {
          add(problems, "stored subtree " + ids.get(i) + " does not match the entries it covers");
        }
      }
    }
    Optional<SignedTreeHead> latest = store.latestTreeHead();
    if (latest.isPresent() && latest.get().treeSize() != size) {
      add(problems, "the latest tree head is of size " + latest.get().treeSize() + " but the store holds " + size
          + " entries");
    }
    return new Report(size, headsChecked, problems);
  }

  private static void checkHead(SignedTreeHead head, Hash root, String nodeId, LedgerPublicKey key,
      List<String> problems) {
    if (!head.nodeId().equals(nodeId) || !TreeHeads.verify(head, key)) {
      add(problems, "tree head of size " + head.treeSize() + " is not signed by node " + nodeId);
    }
    if (!head.rootHash().equals(root)) {
      add(problems, "tree head of size " + head.treeSize() + " signs root " + head.rootHash()
          + " but the entries give " + root);
    }
  }

  private static void add(List<String> problems, String problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    }
  }
}
