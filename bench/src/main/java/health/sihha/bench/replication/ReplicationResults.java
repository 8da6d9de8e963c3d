package health.sihha.bench.replication;

import health.sihha.bench.run.Machine;

/** One replication run, as written to the results file. */
record ReplicationResults(String started, Machine machine, Settings settings, Load load, Lags lags, Content content,
    String ministryStopped, String ministryReady) {

  record Settings(int writesPerSecond, int seconds, int ministryDownSeconds, String database, String heap) {}

  /** The offered and accepted writes; {@code accepted / seconds} is the write throughput. */
  record Load(long offered, long accepted, long refused, double seconds, double acceptedPerSecond) {}

  /** The final content comparison of every current resource on both sides. */
  record Content(long compared, long lost, long mismatched, long extra) {}
}
