package health.sihha.hie.interceptors.ledger.merkle;

import health.sihha.hie.interceptors.ledger.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies RFC 9162 proofs exactly as sections 2.1.3.2 and 2.1.4.2 say; needs nothing but the proof, the hashes and
 * the sizes, so an auditor can run it anywhere. A proof that does not verify is answered {@code false}, never with
 * an exception.
 */
public final class MerkleVerifier {

  private MerkleVerifier() {}

  /** Whether {@code proof} shows that the leaf whose hash is {@code leafHash} is in the tree whose root is given. */
  public static boolean verifyInclusion(Hash leafHash, InclusionProof proof, Hash rootHash) {
    Hash computed = rootFromInclusion(leafHash, proof);
    return computed != null && computed.constantTimeEquals(rootHash);
  }

  /** The root {@code proof} leads to from {@code leafHash}, or {@code null} if the proof is malformed. */
  public static Hash rootFromInclusion(Hash leafHash, InclusionProof proof) {
    long leafIndex = proof.leafIndex();
    long treeSize = proof.treeSize();
    // 1. leaf_index must be less than tree_size
    if (leafIndex < 0 || leafIndex >= treeSize) {
      return null;
    }
    // 2. fn = leaf_index, sn = tree_size - 1; 3. r = hash
    long fn = leafIndex;
    long sn = treeSize - 1;
    Hash r = leafHash;
    // 4. for each p in inclusion_path
    for (Hash p : proof.path()) {
      // a. sn == 0: fail
      if (sn == 0) {
        return null;
      }
      // b. LSB(fn) set or fn == sn: r = HASH(0x01 || p || r), then shift until LSB(fn) set or fn == 0
      if ((fn & 1) == 1 || fn == sn) {
        r = TreeHasher.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        // otherwise r = HASH(0x01 || r || p)
        r = TreeHasher.nodeHash(r, p);
      }
      // c. shift once
      fn >>= 1;
      sn >>= 1;
    }
    // 5. sn must be 0
    return sn == 0 ? r : null;
  }

  /**
   * Whether {@code proof} shows the tree of {@code firstRoot} to be a prefix of the tree of {@code secondRoot}. Equal
   * sizes need equal roots and an empty proof; the empty tree is a prefix of every tree (an empty proof).
   */
  public static boolean verifyConsistency(ConsistencyProof proof, Hash firstRoot, Hash secondRoot) {
    long first = proof.firstSize();
    long second = proof.secondSize();
    if (first < 0 || first > second) {
      return false;
    }
    if (first == second) {
      return proof.path().isEmpty() && firstRoot.constantTimeEquals(secondRoot);
    }
    if (first == 0) {
      return proof.path().isEmpty();
    }
    // 1. an empty consistency_path fails
    if (proof.path().isEmpty()) {
      return false;
    }
    // 2. first an exact power of 2: prepend first_hash
    List<Hash> path = new ArrayList<>(proof.path().size() + 1);
    if ((first & (first - 1)) == 0) {
      path.add(firstRoot);
    }
    path.addAll(proof.path());
    // 3. fn = first - 1, sn = second - 1
    long fn = first - 1;
    long sn = second - 1;
    // 4. LSB(fn) set: shift both until it is not
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    // 5. fr = sr = the first value of the path
    Hash fr = path.get(0);
    Hash sr = path.get(0);
    // 6. for each subsequent value c
    for (Hash c : path.subList(1, path.size())) {
      // a. sn == 0: fail
      if (sn == 0) {
        return false;
      }
      // b. LSB(fn) set or fn == sn
      if ((fn & 1) == 1 || fn == sn) {
        fr = TreeHasher.nodeHash(c, fr);
        sr = TreeHasher.nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = TreeHasher.nodeHash(sr, c);
      }
      // c. shift once
      fn >>= 1;
      sn >>= 1;
    }
    // 7. fr == first_hash, sr == second_hash, sn == 0
    return fr.constantTimeEquals(firstRoot) && sr.constantTimeEquals(secondRoot) && sn == 0;
  }
}
