package health.sihha.hie.interceptors.ledger.merkle;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.ledger.Hash;

/**
 * A complete subtree and its hash, as a store keeps it.
 *
 * @param id which subtree
 * @param hash its Merkle tree hash
 */
public record TreeNode(NodeId id, Hash hash) {

  public TreeNode {
    requireNonNull(id);
    requireNonNull(hash);
  }
}
