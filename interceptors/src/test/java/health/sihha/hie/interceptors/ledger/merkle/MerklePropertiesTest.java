package health.sihha.hie.interceptors.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.interceptors.ledger.Hash;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every proof of small trees, against RFC 9162's recursive definitions and its verification algorithms. */
class MerklePropertiesTest {

  @Test
  void everyLeafOfTreesUpTo130LeavesProvesItsInclusion() {
    ReferenceTree tree = ReferenceTree.of(130);
    for (int n = 1; n <= 130; n++) {
      Hash root = tree.mth(0, n);
      assertThat(Proofs.rootHash(n, tree.reader())).isEqualTo(root);
      for (int m = 0; m < n; m++) {
        InclusionProof proof = Proofs.inclusionProof(m, n, tree.reader());
        assertThat(proof.path()).as("PATH(%d, D[%d])", m, n).isEqualTo(tree.path(m, 0, n));
        Hash leaf = tree.leaves.get(m);
        assertThat(MerkleVerifier.verifyInclusion(leaf, proof, root)).as("PATH(%d, D[%d])", m, n).isTrue();
        // another leaf, another index, another size, or a flipped bit anywhere: refused
        assertThat(MerkleVerifier.verifyInclusion(tree.leaves.get((m + 1) % 130), proof, root)).isFalse();
        if (n > 1) {
          assertThat(MerkleVerifier.verifyInclusion(leaf, new InclusionProof((m + 1) % n, n, proof.path()), root))
              .isFalse();
        }
        // (n + 1 may take the same path: the tree head's signature binds the size, not the path)
        assertThat(MerkleVerifier.verifyInclusion(leaf, new InclusionProof(m, n * 2, proof.path()), root)).isFalse();
        assertThat(MerkleVerifier.verifyInclusion(leaf, new InclusionProof(m, n / 2, proof.path()), root)).isFalse();
        for (int i = 0; i < proof.path().size(); i++) {
          InclusionProof flipped = new InclusionProof(m, n, MerkleVectorsTest.flipBit(proof.path(), i, (m + i) % 8));
          assertThat(MerkleVerifier.verifyInclusion(leaf, flipped, root)).isFalse();
        }
        byte[] flippedLeaf = leaf.bytes();
        flippedLeaf[31] ^= 1;
        assertThat(MerkleVerifier.verifyInclusion(new Hash(flippedLeaf), proof, root)).isFalse();
      }
    }
  }

  @Test
  void everyPairOfSizesUpTo70ProvesConsistency() {
    ReferenceTree tree = ReferenceTree.of(70);
    for (int n = 1; n <= 70; n++) {
      Hash second = tree.mth(0, n);
      for (int m = 1; m <= n; m++) {
        Hash first = tree.mth(0, m);
        ConsistencyProof proof = Proofs.consistencyProof(m, n, tree.reader());
        assertThat(proof.path()).as("PROOF(%d, D[%d])", m, n).isEqualTo(m == n ? List.of() : tree.proof(m, n));
        assertThat(MerkleVerifier.verifyConsistency(proof, first, second)).as("PROOF(%d, D[%d])", m, n).isTrue();
        if (m < n) {
          assertThat(MerkleVerifier.verifyConsistency(proof, second, first)).isFalse();
          assertThat(MerkleVerifier.verifyConsistency(proof, tree.mth(0, m - 1), second)).isFalse();
          for (int i = 0; i < proof.path().size(); i++) {
            ConsistencyProof flipped =
                new ConsistencyProof(m, n, MerkleVectorsTest.flipBit(proof.path(), i, (m + n + i) % 8));
            assertThat(MerkleVerifier.verifyConsistency(flipped, first, second)).isFalse();
          }
          byte[] otherFirst = first.bytes();
          otherFirst[0] ^= 1;
          assertThat(MerkleVerifier.verifyConsistency(proof, new Hash(otherFirst), second)).isFalse();
        }
      }
    }
  }

  @Test
  void aProofReadsLogarithmicallyManySubtrees() {
    ReferenceTree tree = ReferenceTree.of(1000);
    int[] reads = new int[1];
    NodeReader counting = ids -> {
      reads[0] += ids.size();
      return tree.reader().read(ids);
    };
    for (int m : new int[] {0, 1, 499, 511, 512, 998, 999}) {
      reads[0] = 0;
      Proofs.inclusionProof(m, 1000, counting);
      assertThat(reads[0]).as("inclusion of %d", m).isLessThanOrEqualTo(2 * 10);
      reads[0] = 0;
      Proofs.consistencyProof(m + 1, 1000, counting);
      assertThat(reads[0]).as("consistency from %d", m + 1).isLessThanOrEqualTo(3 * 10);
    }
  }

  @Test
  void theFrontierEmitsEveryCompleteSubtreeOnce() {
    ReferenceTree tree = ReferenceTree.of(100);
    // 100 leaves: 100 + 50 + 25 + 12 + 6 + 3 + 1 complete subtrees
    assertThat(tree.nodes).hasSize(197);
    for (var node : tree.nodes.entrySet()) {
      NodeId id = node.getKey();
      assertThat(node.getValue()).isEqualTo(tree.mth((int) id.begin(), (int) id.end()));
    }
    CompactRange rebuilt = CompactRange.of(100,
        tree.reader().read(CompactRange.ids(100)));
    assertThat(rebuilt.root()).isEqualTo(tree.frontier.root());
  }
}
