package health.sihha.bench.ledger;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The benchmarks' operations again, in this JVM, timed by the thread's CPU time as well as by the wall clock. On a
 * machine shared with other builds the wall-clock figures (JMH's) include the time the thread waited for a core;
 * the CPU time per operation does not, and is close to what the operation costs on an idle core.
 */
final class CpuTimes {

  /** One operation's figures. */
  record CpuFigure(String benchmark, String params, long operations, double cpuMicrosPerOp, double wallMicrosPerOp) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTimes() {}

  /** Every benchmark operation, warmed up for {@code warmupSeconds}, then measured for {@code seconds}. */
  static List<CpuFigure> measureAll(int warmupSeconds, int seconds) {
    List<CpuFigure> figures = new ArrayList<>();
    AppendBenchmark append = new AppendBenchmark();
    append.freshLog();
    CpuFigure batches = measure("AppendBenchmark.appendBatchOf512", "per version", append::appendBatchOf512,
        warmupSeconds, seconds);
    figures.add(new CpuFigure(batches.benchmark(), batches.params(), batches.operations() * AppendBenchmark.BATCH,
        batches.cpuMicrosPerOp() / AppendBenchmark.BATCH, batches.wallMicrosPerOp() / AppendBenchmark.BATCH));

    CanonicalHashBenchmark hashing = new CanonicalHashBenchmark();
    hashing.syntheaDir = "";
    hashing.load();
    figures.add(measure("CanonicalHashBenchmark.observation", "", hashing::observation, warmupSeconds, seconds));
    figures.add(measure("CanonicalHashBenchmark.patient", "", hashing::patient, warmupSeconds, seconds));
    figures.add(measure("CanonicalHashBenchmark.observationFromJson", "", hashing::observationFromJson,
        warmupSeconds, seconds));
    figures.add(measure("CanonicalHashBenchmark.patientFromJson", "", hashing::patientFromJson, warmupSeconds,
        seconds));

    for (long size : new long[] {1_000, 10_000, 100_000, 1_000_000}) {
      ProofBenchmark proofs = new ProofBenchmark();
      proofs.treeSize = size;
      proofs.fill();
      figures.add(measure("ProofBenchmark.buildInclusionProof", "treeSize=" + size, proofs::buildInclusionProof,
          warmupSeconds, seconds));
      figures.add(measure("ProofBenchmark.verifyInclusionProof", "treeSize=" + size, proofs::verifyInclusionProof,
          warmupSeconds, seconds));
    }
    return figures;
  }

  private static CpuFigure measure(String benchmark, String params, Supplier<?> operation, int warmupSeconds,
      int seconds) {
    run(operation, warmupSeconds * 1_000_000_000L);
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    long operations = run(operation, seconds * 1_000_000_000L);
    double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3;
    double wallMicros = (System.nanoTime() - wall) / 1e3;
    return new CpuFigure(benchmark, params, operations, cpuMicros / operations, wallMicros / operations);
  }

  private static long run(Supplier<?> operation, long nanos) {
    long end = System.nanoTime() + nanos;
    long operations = 0;
    int sink = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 16; i++) {
        sink += System.identityHashCode(operation.get()) & 1;
      }
      operations += 16;
    }
    if (sink < 0) {
      throw new IllegalStateException("unreachable");
    }
    return operations;
  }
}
