package health.sihha.bench.terminology;

import java.util.Arrays;

/**
 * Latency figures of one measured load.
 *
 * @param operation what was requested
 * @param requests requests answered (or failed) in the timed window
 * @param errors transport failures and unexpected statuses
 * @param wrongAnswers expected statuses with a contradicting {@code $validate-code} result
 * @param emptyAnswers {@code $expand} answers with no match (HTTP 200, no {@code contains})
 * @param seconds wall time of the timed window
 * @param requestsPerSecond requests / seconds
 * @param p50Ms median latency
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param maxMs slowest request
 * @param clientCpuSeconds CPU time of the benchmark's own JVM during the window (the client's cost)
 */
record Latencies(
    String operation,
    int requests,
    int errors,
    int wrongAnswers,
    int emptyAnswers,
    double seconds,
    double requestsPerSecond,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double maxMs,
    double clientCpuSeconds) {

  static Latencies of(String operation, long[] nanos, int errors, int wrongAnswers, int emptyAnswers,
      long wallNanos, long cpuNanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double seconds = wallNanos / 1e9;
    return new Latencies(operation, sorted.length, errors, wrongAnswers, emptyAnswers, seconds,
        sorted.length / seconds, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, cpuNanos / 1e9);
  }

  /** Nearest-rank percentile, in milliseconds. */
  private static double percentile(long[] sorted, int percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
