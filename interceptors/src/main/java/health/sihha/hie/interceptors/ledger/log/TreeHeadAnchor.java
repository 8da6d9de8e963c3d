package health.sihha.hie.interceptors.ledger.log;

import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.util.Optional;

/**
 * Somewhere outside the node that holds its signed tree heads, so that the node alone cannot rewrite its history:
 * a Hyperledger Fabric channel (whose chaincode checks each consistency proof, as a {@code TreeHeadWitness} does),
 * the ministry, or a peer. Only hashes and signatures leave the node.
 *
 * <p>Call {@link LedgerLog#anchorTo(TreeHeadAnchor)} after the transaction that appended has committed (e.g. from a
 * transaction synchronization), never inside it: a head anchored from a transaction that then rolls back would
 * name a tree the node no longer has.
 */
public interface TreeHeadAnchor {

  /** The latest head anchored, if any: the next one is proven to extend it. */
  Optional<SignedTreeHead> latestAnchored();

  /**
   * Anchors {@code newer}, with the proof that it extends {@link #latestAnchored()} (an empty proof from size 0 when
   * nothing was anchored yet). Throws if the anchor refuses it.
   */
  void anchor(SignedTreeHead newer, ConsistencyProof fromLatestAnchored);
}
