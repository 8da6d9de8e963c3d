package health.sihha.hie.interceptors.ledger.log;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.EntryKey;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.CompactRange;
import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.merkle.InclusionProof;
import health.sihha.hie.interceptors.ledger.merkle.Proofs;
import health.sihha.hie.interceptors.ledger.merkle.TreeHasher;
import health.sihha.hie.interceptors.ledger.merkle.TreeNode;
import health.sihha.hie.interceptors.ledger.store.AppendBatch;
import health.sihha.hie.interceptors.ledger.store.LedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import health.sihha.hie.interceptors.ledger.verify.LedgerEvidence;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A ledger node's embedded Merkle log (RFC 9162 section 2.1) over a {@link LedgerStore}: appends entries in batches,
 * signs a tree head per batch, and proves inclusion and consistency.
 *
 * <p>Appending is O(batch) plus O(log n): the log keeps the right frontier ({@link CompactRange}) in memory and
 * writes each complete subtree once, so a root never needs the old leaves, and a proof reads O(log n) subtrees in one
 * store call. The frontier is rebuilt from the store (O(log n) reads) on {@link #open} and whenever the store's
 * latest head is not the one this log signed last (an append whose transaction rolled back, or another writer).
 *
 * <p>One writer per log: appends are serialized here, and a store refuses an append made on a stale view.
 */
public final class LedgerLog {

  private final LedgerStore store;
  private final TreeHeads.Signer signer;
  private final Clock clock;
  private CompactRange frontier;
  private SignedTreeHead latest;

  private LedgerLog(LedgerStore store, TreeHeads.Signer signer, Clock clock) {
    this.store = requireNonNull(store);
    this.signer = requireNonNull(signer);
    this.clock = requireNonNull(clock);
  }

  /**
   * The log kept in {@code store}, signed by {@code signer}. Checks that the stored subtrees give the root of the
   * latest stored head and that the head is signed by this node's key; refuses to open a store that fails.
   */
  public static LedgerLog open(LedgerStore store, TreeHeads.Signer signer, Clock clock) {
    LedgerLog log = new LedgerLog(store, signer, clock);
    log.reload();
    return log;
  }

  private void reload() {
    Optional<SignedTreeHead> head = store.latestTreeHead();
    long size = store.size();
    if (head.isEmpty()) {
      if (size != 0) {
        throw new InternalErrorException(Codes.of(1477) + "the ledger store holds " + size
            + " entries but no signed tree head");
      }
      frontier = CompactRange.empty();
      latest = null;
      return;
    }
    SignedTreeHead stored = head.get();
    if (stored.treeSize() != size) {
      throw new InternalErrorException(Codes.of(1477) + "the ledger store holds " + size
          + " entries but its latest signed tree head is of size " + stored.treeSize());
    }
    if (!stored.nodeId().equals(signer.nodeId()) || !TreeHeads.verify(stored, signer.publicKey())) {
      throw new InternalErrorException(Codes.of(1478) + "the latest tree head in the ledger store (" + stored
          + ") is not signed by this node's key " + signer.publicKey().keyId());
    }
    CompactRange rebuilt = CompactRange.of(size, store.readNodes(CompactRange.ids(size)));
    if (!rebuilt.root().equals(stored.rootHash())) {
      throw new InternalErrorException(Codes.of(1477) + "the ledger store's subtrees give root " + rebuilt.root()
          + ", not the signed root of " + stored + ": the store was changed");
    }
    frontier = rebuilt;
    latest = stored;
  }

  /**
   * Appends {@code entries} as the next leaves, in order, and returns the tree head signed over the new size. An
   * empty batch appends nothing and returns the latest head (signing the empty tree's head first if nothing was
   * signed yet). Nothing changes if the store refuses the batch.
   */
  public synchronized SignedTreeHead appendBatch(List<LedgerEntry> entries) {
    if (!store.latestTreeHead().equals(Optional.ofNullable(latest))) {
      reload();
    }
    if (entries.isEmpty() && latest != null) {
      return latest;
    }
    CompactRange next = frontier.copy();
    List<Hash> leafHashes = new ArrayList<>(entries.size());
    List<TreeNode> nodes = new ArrayList<>(entries.size());
    for (LedgerEntry entry : entries) {
      next.append(TreeHasher.leafHash(entry.encode()), node -> {
        if (node.id().level() == 0) {
          leafHashes.add(node.hash());
        } else {
          nodes.add(node);
        }
      });
    }
    Instant now = clock.instant();
    if (latest != null && now.isBefore(latest.timestamp())) {
      now = latest.timestamp(); // tree heads never go back in time, even if the clock does
    }
    SignedTreeHead head = signer.sign(next.size(), next.root(), now);
    store.append(new AppendBatch(frontier.size(), entries, leafHashes, nodes, head));
    frontier = next;
    latest = head;
    return head;
  }

  /** The latest signed tree head, if anything was signed. */
  public synchronized Optional<SignedTreeHead> latest() {
    return Optional.ofNullable(latest);
  }

  /** The number of entries, as of the latest head. */
  public synchronized long size() {
    return frontier.size();
  }

  /** MTH of the first {@code treeSize} entries. */
  public Hash rootHash(long treeSize) {
    checkSize(treeSize);
    return Proofs.rootHash(treeSize, store);
  }

  /** The inclusion proof of leaf {@code leafIndex} in the tree of the first {@code treeSize} entries. */
  public InclusionProof inclusionProof(long leafIndex, long treeSize) {
    checkSize(treeSize);
    return Proofs.inclusionProof(leafIndex, treeSize, store);
  }

  /** The consistency proof from the tree of {@code firstSize} entries to that of {@code secondSize}. */
  public ConsistencyProof consistencyProof(long firstSize, long secondSize) {
    checkSize(secondSize);
    return Proofs.consistencyProof(firstSize, secondSize, store);
  }

  /** The entry for {@code key} with its inclusion proof in the latest signed tree, for an auditor. */
  public Optional<LedgerEvidence> evidence(EntryKey key) {
    SignedTreeHead head = latest().orElse(null);
    OptionalLong index = store.indexOf(key);
    if (head == null || index.isEmpty() || index.getAsLong() >= head.treeSize()) {
      return Optional.empty();
    }
    long leaf = index.getAsLong();
    LedgerEntry entry = store.readEntries(leaf, leaf + 1).get(0);
    return Optional.of(new LedgerEvidence(entry, Proofs.inclusionProof(leaf, head.treeSize(), store), head));
  }

  /**
   * Anchors the latest signed head to {@code anchor}, with the consistency proof from the head anchored last. Call
   * it after the appends' transaction committed. Does nothing if that head is already anchored.
   */
  public void anchorTo(TreeHeadAnchor anchor) {
    SignedTreeHead head = latest().orElse(null);
    if (head == null) {
      return;
    }
    Optional<SignedTreeHead> anchored = anchor.latestAnchored();
    if (anchored.isPresent() && anchored.get().equals(head)) {
      return;
    }
    long from = anchored.map(SignedTreeHead::treeSize).orElse(0L);
    if (from > head.treeSize()) {
      throw new InternalErrorException(Codes.of(1479) + "the anchor holds a tree of " + from
          + " entries, more than this node's " + head.treeSize() + ": the node lost entries");
    }
    anchor.anchor(head, Proofs.consistencyProof(from, head.treeSize(), store));
  }

  private void checkSize(long treeSize) {
    long size = size();
    if (treeSize < 0 || treeSize > size) {
      throw new InvalidRequestException(Codes.of(1476) + "no tree of " + treeSize + " entries in a ledger of " + size);
    }
  }
}
