package health.sihha.hie.interceptors.ledger.merkle;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.ledger.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The right frontier of a log of {@code size} leaves: the hashes of the complete subtrees that
 * {@link Range#decompose(long, long) decompose} {@code [0, size)}, one per set bit of the size, largest first. It is
 * all that appending needs: a new leaf merges with the frontier like a carry through a binary counter (amortised one
 * node hash per leaf), and the root is the frontier folded from the right (O(log n)). Not thread-safe.
 */
public final class CompactRange {

  private long size;
  private final List<Hash> hashes;

  private CompactRange(long size, List<Hash> hashes) {
    this.size = size;
    this.hashes = hashes;
  }

  /** The frontier of the empty log. */
  public static CompactRange empty() {
    return new CompactRange(0, new ArrayList<>(64));
  }

  /** The frontier of a log of {@code size} leaves whose {@link #ids(long) frontier subtrees} hash to {@code hashes}. */
  public static CompactRange of(long size, List<Hash> hashes) {
    if (hashes.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException("a frontier of size " + size + " has " + Long.bitCount(size) + " hashes");
    }
    return new CompactRange(size, new ArrayList<>(hashes));
  }

  /** The complete subtrees of the frontier of a log of {@code size} leaves, largest (leftmost) first. */
  public static List<NodeId> ids(long size) {
    return size == 0 ? List.of() : Range.decompose(0, size);
  }

  /** The number of leaves. */
  public long size() {
    return size;
  }

  /** The frontier hashes, largest subtree first. */
  public List<Hash> hashes() {
    return List.copyOf(hashes);
  }

  /**
   * Appends the leaf whose hash is {@code leafHash}, and gives {@code completed} every subtree this completes: the
   * leaf itself (level 0) and each inner node its carry creates, lowest first.
   */
  public void append(Hash leafHash, Consumer<TreeNode> completed) {
    requireNonNull(leafHash);
    long index = size;
    int level = 0;
    Hash hash = leafHash;
    completed.accept(new TreeNode(new NodeId(0, index), hash));
    while (((size >> level) & 1) == 1) {
      hash = TreeHasher.nodeHash(hashes.remove(hashes.size() - 1), hash);
      level++;
      index >>= 1;
      completed.accept(new TreeNode(new NodeId(level, index), hash));
    }
    hashes.add(hash);
    size++;
  }

  /** MTH(D[size]): the frontier folded from the right, or the empty root. */
  public Hash root() {
    return size == 0 ? TreeHasher.EMPTY_ROOT : Range.fold(hashes);
  }

  /** An independent copy, to append to before the store has taken the batch. */
  public CompactRange copy() {
    return new CompactRange(size, new ArrayList<>(hashes));
  }
}
