package health.sihha.hie.interceptors.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.interceptors.ledger.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9162 section 2.1 written as its recursive definitions over a list of leaf hashes, to check the store-based
 * code against; and the complete subtrees a {@link CompactRange} emits while the leaves are appended.
 */
final class ReferenceTree {

  final List<Hash> leaves = new ArrayList<>();
  final Map<NodeId, Hash> nodes = new HashMap<>();
  final CompactRange frontier = CompactRange.empty();

  static ReferenceTree of(int size) {
    ReferenceTree tree = new ReferenceTree();
    for (int i = 0; i < size; i++) {
      tree.append(TreeHasher.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return tree;
  }

  void append(Hash leafHash) {
    leaves.add(leafHash);
    frontier.append(leafHash, node -> assertThat(nodes.put(node.id(), node.hash())).isNull());
  }

  NodeReader reader() {
    return ids -> ids.stream().map(id -> {
      assertThat(id.end()).as("only complete subtrees of the tree are read").isLessThanOrEqualTo(leaves.size());
      return nodes.get(id);
    }).toList();
  }

  /** MTH(D[begin:end]). */
  Hash mth(int begin, int end) {
    if (end - begin == 0) {
      return TreeHasher.EMPTY_ROOT;
    }
    if (end - begin == 1) {
      return leaves.get(begin);
    }
    int k = Integer.highestOneBit(end - begin - 1);
    return TreeHasher.nodeHash(mth(begin, begin + k), mth(begin + k, end));
  }

  /** PATH(m, D[begin:end]). */
  List<Hash> path(int m, int begin, int end) {
    List<Hash> path = new ArrayList<>();
    if (end - begin == 1) {
      return path;
    }
    int k = Integer.highestOneBit(end - begin - 1);
    if (m < k) {
      path.addAll(path(m, begin, begin + k));
      path.add(mth(begin + k, end));
    } else {
      path.addAll(path(m - k, begin + k, end));
      path.add(mth(begin, begin + k));
    }
    return path;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  List<Hash> proof(int m, int n) {
    return subproof(m, 0, n, true);
  }

  private List<Hash> subproof(int m, int begin, int end, boolean b) {
    List<Hash> proof = new ArrayList<>();
    if (m == end - begin) {
      if (!b) {
        proof.add(mth(begin, end));
      }
      return proof;
    }
    int k = Integer.highestOneBit(end - begin - 1);
    if (m <= k) {
      proof.addAll(subproof(m, begin, begin + k, b));
      proof.add(mth(begin + k, end));
    } else {
      proof.addAll(subproof(m - k, begin + k, end, false));
      proof.add(mth(begin, begin + k));
    }
    return proof;
  }
}
