package health.sihha.bench.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replication lag of every accepted write: from the provider's time of the version to the ministry's time of the
 * first national version at or past it (a version overtaken by a newer one before it arrived counts as arriving
 * with the newer one). Writes made from the ministry's stop until {@link #SETTLE} after it was ready again are the
 * restart window, reported apart.
 */
record Lags(Percentiles outside, Percentiles window, long neverArrived, long duplicates, double windowDrainSeconds) {

  static final Duration SETTLE = Duration.ofSeconds(30);

  /** Lag percentiles in milliseconds over {@code count} writes. */
  record Percentiles(long count, long p50, long p95, long p99, long max) {

    static Percentiles of(List<Long> lags) {
      List<Long> sorted = lags.stream().sorted().toList();
      if (sorted.isEmpty()) {
        return new Percentiles(0, 0, 0, 0, 0);
      }
      return new Percentiles(sorted.size(), at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
          sorted.get(sorted.size() - 1));
    }

    private static long at(List<Long> sorted, double quantile) {
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
  }

  static Lags of(List<Write> writes, NationalVersions national, Instant restartFrom, Instant restartUntil) {
    Instant windowEnd = restartUntil.plus(SETTLE);
    List<Long> outside = new ArrayList<>();
    List<Long> window = new ArrayList<>();
    long never = 0;
    Instant lastWindowArrival = restartUntil;
    for (Write write : writes) {
      Instant arrived = national.bySource().getOrDefault(NationalVersions.key(write.provider(), write.id()), List.of())
          .stream().filter(a -> a.sourceVersion() >= write.version()).map(NationalVersions.Applied::at)
          .min(Instant::compareTo).orElse(null);
      if (arrived == null) {
        never++;
        continue;
      }
      long lag = Math.max(0, Duration.between(write.at(), arrived).toMillis());
      boolean inWindow = !write.at().isBefore(restartFrom) && write.at().isBefore(windowEnd);
      (inWindow ? window : outside).add(lag);
      if (inWindow && arrived.isAfter(lastWindowArrival)) {
        lastWindowArrival = arrived;
      }
    }
    return new Lags(Percentiles.of(outside), Percentiles.of(window), never, national.duplicates(),
        Duration.between(restartUntil, lastWindowArrival).toMillis() / 1e3);
  }
}
