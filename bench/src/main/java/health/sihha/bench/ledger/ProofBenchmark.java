package health.sihha.bench.ledger;

import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.merkle.InclusionProof;
import health.sihha.hie.interceptors.ledger.merkle.MerkleVerifier;
import health.sihha.hie.interceptors.ledger.merkle.TreeHasher;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Inclusion proofs in logs of 10^3 to 10^6 entries (in-memory store): building one for a random leaf (one store call
 * for the O(log n) subtrees it needs), and verifying one (RFC 9162 section 2.1.3.2, from the entry's encoding: leaf
 * hash plus the path), as an auditor does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProofBenchmark {

  private static final int PROOFS = 1024;

  @Param({"1000", "10000", "100000", "1000000"})
  public long treeSize;

  private LedgerLog log;
  private Hash root;
  private InclusionProof[] proofs;
  private byte[][] leaves;
  private final SplittableRandom random = new SplittableRandom(42);
  private int next;

  @Setup
  public void fill() {
    log = BenchLedgers.filled(treeSize);
    root = log.latest().orElseThrow().rootHash();
    proofs = new InclusionProof[PROOFS];
    leaves = new byte[PROOFS][];
    for (int i = 0; i < PROOFS; i++) {
      long leaf = random.nextLong(treeSize);
      proofs[i] = log.inclusionProof(leaf, treeSize);
      leaves[i] = BenchLedgers.entry(leaf).encode();
      if (!MerkleVerifier.verifyInclusion(TreeHasher.leafHash(leaves[i]), proofs[i], root)) {
        throw new IllegalStateException("the proof of leaf " + leaf + " does not verify");
      }
    }
  }

  @Benchmark
  public InclusionProof buildInclusionProof() {
    return log.inclusionProof(random.nextLong(treeSize), treeSize);
  }

  @Benchmark
  public boolean verifyInclusionProof() {
    int i = next++ & (PROOFS - 1);
    return MerkleVerifier.verifyInclusion(TreeHasher.leafHash(leaves[i]), proofs[i], root);
  }
}
