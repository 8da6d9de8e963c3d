package health.sihha.hie.interceptors.ledger.merkle;

import health.sihha.hie.interceptors.ledger.Hash;
import java.util.List;

/**
 * An RFC 9162 inclusion proof: the audit path PATH(m, D[n]) of leaf {@code leafIndex} in the tree of
 * {@code treeSize} leaves, from the leaf's sibling up to the root's child.
 *
 * @param leafIndex the leaf, from 0
 * @param treeSize the size of the tree whose root the path leads to
 * @param path the audit path
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> path) {

  public InclusionProof {
    path = List.copyOf(path);
  }
}
