package health.sihha.bench.ledger;

import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Anchoring throughput: batches of 512 resource versions appended to the embedded log over the in-memory store, each
 * batch signed (one Ed25519 signature per batch). Reported per version. The entries are made in the measured code,
 * as the interceptor would make them; their hashes are not (see {@link CanonicalHashBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AppendBenchmark {

  static final int BATCH = 512;

  private LedgerLog log;
  private long next;

  /** A fresh log every iteration, so that memory stays bounded whatever the rate. */
  @Setup(Level.Iteration)
  public void freshLog() {
    log = BenchLedgers.newLog();
    next = 0;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public SignedTreeHead appendBatchOf512() {
    List<LedgerEntry> batch = BenchLedgers.entries(next, BATCH);
    next += BATCH;
    return log.appendBatch(batch);
  }
}
