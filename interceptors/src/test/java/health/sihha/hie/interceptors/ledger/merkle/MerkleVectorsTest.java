package health.sihha.hie.interceptors.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.interceptors.ledger.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The RFC 6962 / RFC 9162 test vectors of the Certificate Transparency reference code, as transparency-dev/merkle
 * (Trillian's successor) keeps them in {@code rfc6962/rfc6962_test.go} and {@code proof/verify_test.go}: eight leaves,
 * the roots of their prefixes, and inclusion and consistency proofs among them.
 */
class MerkleVectorsTest {

  private static final HexFormat HEX = HexFormat.of();

  /** The leaf inputs: "", 00, 10, 2021, 3031, 40414243, 5051525354555657, 606162...6f. */
  private static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
      "5051525354555657", "606162636465666768696a6b6c6d6e6f");

  /** MTH of the first 1..8 leaves. */
  private static final List<String> ROOTS = List.of(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  /** Leaf index (0-based), tree size, audit path. */
  private record Inclusion(long leaf, long size, List<String> path) {}

  private static final List<Inclusion> INCLUSIONS = List.of(
      new Inclusion(0, 1, List.of()),
      new Inclusion(0, 8, List.of(
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
      new Inclusion(5, 8, List.of(
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
      new Inclusion(2, 3, List.of(
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
      new Inclusion(1, 5, List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

  private record Consistency(long first, long second, List<String> path) {}

  private static final List<Consistency> CONSISTENCIES = List.of(
      new Consistency(1, 1, List.of()),
      new Consistency(1, 8, List.of(
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
      new Consistency(6, 8, List.of(
          "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
      new Consistency(2, 5, List.of(
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
      new Consistency(6, 7, List.of(
          "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
          "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

  @Test
  void hashesAreThoseOfRfc6962() {
    assertThat(TreeHasher.EMPTY_ROOT)
        .isEqualTo(Hash.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assertThat(TreeHasher.leafHash(new byte[0]))
        .isEqualTo(Hash.fromHex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
    assertThat(TreeHasher.leafHash("L123456".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Hash.fromHex("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56"));
  }

  @Test
  void rootsOfEveryPrefixAreTheReferenceRoots() {
    ReferenceTree tree = tree();
    ReferenceTree growing = new ReferenceTree();
    for (int size = 1; size <= LEAVES.size(); size++) {
      growing.append(tree.leaves.get(size - 1));
      assertThat(growing.frontier.root()).isEqualTo(hash(ROOTS.get(size - 1)));
      assertThat(Proofs.rootHash(size, tree.reader())).isEqualTo(hash(ROOTS.get(size - 1)));
    }
    assertThat(Proofs.rootHash(0, tree.reader())).isEqualTo(TreeHasher.EMPTY_ROOT);
  }

  @Test
  void inclusionProofsAreTheReferenceProofs() {
    ReferenceTree tree = tree();
    for (Inclusion vector : INCLUSIONS) {
      InclusionProof proof = Proofs.inclusionProof(vector.leaf(), vector.size(), tree.reader());
      assertThat(proof.path()).as("PATH(%d, D[%d])", vector.leaf(), vector.size()).isEqualTo(hashes(vector.path()));
      Hash root = hash(ROOTS.get((int) vector.size() - 1));
      Hash leaf = tree.leaves.get((int) vector.leaf());
      assertThat(MerkleVerifier.verifyInclusion(leaf, proof, root)).isTrue();
      for (InclusionProof wrong : corrupted(proof)) {
        assertThat(MerkleVerifier.verifyInclusion(leaf, wrong, root)).as("%s", wrong).isFalse();
      }
      assertThat(MerkleVerifier.verifyInclusion(TreeHasher.leafHash(new byte[] {9}), proof, root)).isFalse();
      assertThat(MerkleVerifier.verifyInclusion(leaf, proof, TreeHasher.EMPTY_ROOT)).isFalse();
    }
  }

  @Test
  void consistencyProofsAreTheReferenceProofs() {
    ReferenceTree tree = tree();
    for (Consistency vector : CONSISTENCIES) {
      ConsistencyProof proof = Proofs.consistencyProof(vector.first(), vector.second(), tree.reader());
      assertThat(proof.path()).as("PROOF(%d, D[%d])", vector.first(), vector.second())
          .isEqualTo(hashes(vector.path()));
      Hash first = hash(ROOTS.get((int) vector.first() - 1));
      Hash second = hash(ROOTS.get((int) vector.second() - 1));
      assertThat(MerkleVerifier.verifyConsistency(proof, first, second)).isTrue();
      if (!proof.path().isEmpty()) {
        for (ConsistencyProof wrong : corrupted(proof)) {
          assertThat(MerkleVerifier.verifyConsistency(wrong, first, second)).as("%s", wrong).isFalse();
        }
        assertThat(MerkleVerifier.verifyConsistency(proof, second, first)).as("swapped roots").isFalse();
      }
    }
  }

  @Test
  void edgeCasesOfConsistency() {
    Hash a = hash(ROOTS.get(0));
    Hash b = hash(ROOTS.get(1));
    assertThat(MerkleVerifier.verifyConsistency(new ConsistencyProof(0, 0, List.of()), a, a)).isTrue();
    assertThat(MerkleVerifier.verifyConsistency(new ConsistencyProof(0, 1, List.of()), a, b)).isTrue();
    assertThat(MerkleVerifier.verifyConsistency(new ConsistencyProof(1, 1, List.of()), a, b)).isFalse();
    assertThat(MerkleVerifier.verifyConsistency(new ConsistencyProof(1, 1, List.of(a)), a, a)).isFalse();
    assertThat(MerkleVerifier.verifyConsistency(new ConsistencyProof(0, 1, List.of(a)), a, a)).isFalse();
    assertThat(MerkleVerifier.verifyConsistency(new ConsistencyProof(2, 1, List.of()), a, b)).isFalse();
    assertThat(MerkleVerifier.verifyConsistency(new ConsistencyProof(1, 2, List.of()), a, b)).isFalse();
  }

  /** The corruptions of transparency-dev's verify_test.go that apply to fixed-size hashes. */
  static List<InclusionProof> corrupted(InclusionProof proof) {
    long m = proof.leafIndex();
    long n = proof.treeSize();
    List<Hash> path = proof.path();
    Hash some = Hash.fromHex("abacaba000000000000000000000000000000000000000000060061e00123456");
    List<InclusionProof> wrong = new ArrayList<>(List.of(
        new InclusionProof(m - 1, n, path), new InclusionProof(m + 1, n, path), new InclusionProof(m ^ 2, n, path),
        new InclusionProof(m, n * 2, path), new InclusionProof(m, n / 2, path),
        new InclusionProof(m, n, append(path, some)), new InclusionProof(m, n, prepend(some, path))));
    for (int i = 0; i < path.size(); i++) {
      wrong.add(new InclusionProof(m, n, flipBit(path, i, 3)));
    }
    if (!path.isEmpty()) {
      wrong.add(new InclusionProof(m, n, path.subList(0, path.size() - 1)));
    }
    if (path.size() > 1) {
      List<Hash> inserted = new ArrayList<>(path);
      inserted.add(1, some);
      wrong.add(new InclusionProof(m, n, inserted));
    }
    return wrong;
  }

  static List<ConsistencyProof> corrupted(ConsistencyProof proof) {
    long m = proof.firstSize();
    long n = proof.secondSize();
    List<Hash> path = proof.path();
    Hash some = Hash.fromHex("abacaba000000000000000000000000000000000000000000060061e00123456");
    List<ConsistencyProof> wrong = new ArrayList<>(List.of(
        new ConsistencyProof(m - 1, n, path), new ConsistencyProof(m + 1, n, path),
        new ConsistencyProof(m ^ 2, n, path), new ConsistencyProof(m, n * 2, path),
        new ConsistencyProof(m, n / 2, path), new ConsistencyProof(m, n, List.of()),
        new ConsistencyProof(m, n, append(path, some)), new ConsistencyProof(m, n, prepend(some, path)),
        new ConsistencyProof(m, n, prepend(path.get(0), path)),
        new ConsistencyProof(m, n, path.subList(0, path.size() - 1))));
    for (int i = 0; i < path.size(); i++) {
      wrong.add(new ConsistencyProof(m, n, flipBit(path, i, 4)));
    }
    return wrong;
  }

  static List<Hash> flipBit(List<Hash> path, int element, int bit) {
    List<Hash> flipped = new ArrayList<>(path);
    byte[] bytes = path.get(element).bytes();
    bytes[0] ^= (byte) (1 << bit);
    flipped.set(element, new Hash(bytes));
    return flipped;
  }

  private static List<Hash> append(List<Hash> path, Hash extra) {
    List<Hash> longer = new ArrayList<>(path);
    longer.add(extra);
    return longer;
  }

  private static List<Hash> prepend(Hash extra, List<Hash> path) {
    List<Hash> longer = new ArrayList<>();
    longer.add(extra);
    longer.addAll(path);
    return longer;
  }

  private static ReferenceTree tree() {
    ReferenceTree tree = new ReferenceTree();
    for (String leaf : LEAVES) {
      tree.append(TreeHasher.leafHash(HEX.parseHex(leaf)));
    }
    return tree;
  }

  private static Hash hash(String hex) {
    return Hash.fromHex(hex);
  }

  private static List<Hash> hashes(List<String> hex) {
    return hex.stream().map(Hash::fromHex).toList();
  }
}
