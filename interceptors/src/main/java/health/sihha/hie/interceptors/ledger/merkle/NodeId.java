package health.sihha.hie.interceptors.ledger.merkle;

/**
 * A complete subtree of the log: the {@code index}-th subtree of height {@code level}, over the leaves
 * {@code [index << level, (index + 1) << level)}. Level 0 are the leaves. Once complete, a subtree's hash never
 * changes, which is what lets a store keep it.
 *
 * @param level the height, 0 to 62
 * @param index the position among the subtrees of that height, from 0
 */
public record NodeId(int level, long index) {

  public NodeId {
    if (level < 0 || level > 62 || index < 0) {
      throw new IllegalArgumentException("no such subtree: level " + level + ", index " + index);
    }
  }

  /** The first leaf it covers. */
  public long begin() {
    return index << level;
  }

  /** One past the last leaf it covers. */
  public long end() {
    return (index + 1) << level;
  }
}
