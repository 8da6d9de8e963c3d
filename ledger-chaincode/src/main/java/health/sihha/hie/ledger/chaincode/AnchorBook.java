package health.sihha.hie.ledger.chaincode;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The append-only rules of the anchors, over any key-value state: the chaincode's world state on a channel, or a map
 * in a test double. Free of the Fabric shim so that both can share it.
 *
 * <p>Each node's anchors form a chain: batch 1 first, then batch n+1 only after n, a tree that never shrinks and
 * keeps its root while its size stays, and no anchor ever replaced. Resubmitting the very same head is accepted and
 * changes nothing, so that a client may retry a transaction whose outcome it did not see.
 */
public final class AnchorBook {

  /** The key-value state the anchors live in; {@code get} returns null or "" for an absent key. */
  public interface State {

    String get(String key);

    void put(String key, String value);
  }

  private final State state;

  public AnchorBook(State state) {
    this.state = requireNonNull(state);
  }

  /** Anchors {@code next} and returns what is stored (the earlier copy when it is a resubmission). */
  public Anchor anchor(Anchor next) {
    Optional<Anchor> existing = at(next.nodeId(), next.batch());
    if (existing.isPresent()) {
      if (existing.get().sameHead(next)) {
        return existing.get();
      }
      throw new AnchorRejectedException("batch " + next.batch() + " of " + next.nodeId()
          + " is already anchored with another tree head: anchors are never rewritten");
    }
    Optional<Anchor> latest = latest(next.nodeId());
    long expected = latest.map(a -> a.batch() + 1).orElse(1L);
    if (next.batch() != expected) {
      throw new AnchorRejectedException("batch " + next.batch() + " of " + next.nodeId() + " leaves a gap: the next is "
          + expected);
    }
    if (latest.isPresent()) {
      checkGrows(latest.get(), next);
    }
    state.put(batchKey(next.nodeId(), next.batch()), next.toJson());
    state.put(latestKey(next.nodeId()), next.toJson());
    return next;
  }

  private static void checkGrows(Anchor previous, Anchor next) {
    if (next.treeSize() < previous.treeSize()) {
      throw new AnchorRejectedException("the tree of " + next.nodeId() + " shrank from " + previous.treeSize()
          + " to " + next.treeSize() + " entries");
    }
    if (next.treeSize() == previous.treeSize() && !next.rootHash().equals(previous.rootHash())) {
      throw new AnchorRejectedException("the tree of " + next.nodeId() + " kept its size " + next.treeSize()
          + " but changed its root");
    }
  }

  /** The node's latest anchor. */
  public Optional<Anchor> latest(String nodeId) {
    return read(latestKey(nodeId));
  }

  /** The node's anchor of batch {@code batch}. */
  public Optional<Anchor> at(String nodeId, long batch) {
    return read(batchKey(nodeId, batch));
  }

  private Optional<Anchor> read(String key) {
    String json = state.get(key);
    return json == null || json.isEmpty() ? Optional.empty() : Optional.of(Anchor.fromJson(json));
  }

  // '/' is outside the node id's characters, and the fixed-width batch keeps a node's anchors in order
  static String batchKey(String nodeId, long batch) {
    return "anchor/" + nodeId + "/" + String.format("%019d", batch);
  }

  static String latestKey(String nodeId) {
    return "latest/" + nodeId;
  }
}
