package health.sihha.hie.interceptors.ledger.merkle;

import health.sihha.hie.interceptors.ledger.Hash;
import java.util.List;

/**
 * An RFC 9162 consistency proof PROOF(m, D[n]): that the tree of {@code firstSize} leaves is a prefix of the tree of
 * {@code secondSize} leaves, so nothing was removed or rewritten between them.
 *
 * @param firstSize the older tree's size
 * @param secondSize the newer tree's size
 * @param path the consistency path
 */
public record ConsistencyProof(long firstSize, long secondSize, List<Hash> path) {

  public ConsistencyProof {
    path = List.copyOf(path);
  }
}
