package health.sihha.hie.interceptors.ledger.merkle;

import health.sihha.hie.interceptors.ledger.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaves {@code [begin, end)} of a log, a subtree of RFC 9162's recursive definition: {@code begin} is a multiple
 * of a power of two at least {@code end - begin}. Its hash, MTH(D[begin:end]), is made from the complete subtrees it
 * {@linkplain #decompose() decomposes} into.
 *
 * @param begin the first leaf
 * @param end one past the last leaf
 */
public record Range(long begin, long end) {

  public Range {
    if (begin < 0 || end <= begin || begin % ceilingPowerOfTwo(end - begin) != 0) {
      throw new IllegalArgumentException("not a subtree of RFC 9162's recursion: [" + begin + ", " + end + ")");
    }
  }

  /** The number of leaves. */
  public long size() {
    return end - begin;
  }

  /** The complete subtrees that cover {@code [begin, end)}, left to right, each as large as it can be. */
  public List<NodeId> decompose() {
    return decompose(begin, end);
  }

  /** The complete subtrees that cover {@code [begin, end)}, left to right, each as large as it can be. */
  public static List<NodeId> decompose(long begin, long end) {
    List<NodeId> nodes = new ArrayList<>(64);
    long at = begin;
    while (at < end) {
      int level = at == 0 ? 62 : Long.numberOfTrailingZeros(at);
      while (level > 0 && (at + (1L << level) > end || at + (1L << level) < 0)) {
        level--;
      }
      nodes.add(new NodeId(level, at >> level));
      at += 1L << level;
    }
    return nodes;
  }

  /**
   * MTH of a range whose {@linkplain #decompose() decomposition} hashes are {@code hashes} (left to right): the
   * subtrees shrink to the right, so RFC 9162's recursion folds them from the right.
   */
  public static Hash fold(List<Hash> hashes) {
    Hash root = hashes.get(hashes.size() - 1);
    for (int i = hashes.size() - 2; i >= 0; i--) {
      root = TreeHasher.nodeHash(hashes.get(i), root);
    }
    return root;
  }

  private static long ceilingPowerOfTwo(long n) {
    return n == 1 ? 1 : Long.highestOneBit(n - 1) << 1;
  }

  /** The largest power of two smaller than {@code n}, for {@code n > 1}: RFC 9162's {@code k}. */
  public static long split(long n) {
    return Long.highestOneBit(n - 1);
  }
}
