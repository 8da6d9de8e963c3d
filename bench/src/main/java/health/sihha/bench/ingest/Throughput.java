package health.sihha.bench.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The throughput of one database, variant and client count in a run: the median of its loads' resources/s, one load
 * per round, so that one load slowed by the machine moves a ratio less.
 *
 * @param resourcesPerSecond the median (with an even number of loads, the mean of the middle two)
 * @param loads how many loads it is the median of
 */
record Throughput(double resourcesPerSecond, int loads) {

  /** The throughput of the matching loads; empty when none was run. */
  static Optional<Throughput> of(List<IngestRun> runs, Database database, Variant variant, int clients) {
    double[] sorted = runs.stream()
        .filter(r -> r.database() == database && r.variant() == variant && r.clients() == clients)
        .mapToDouble(IngestRun::resourcesPerSecond).sorted().toArray();
    if (sorted.length == 0) {
      return Optional.empty();
    }
    int middle = sorted.length / 2;
    double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return Optional.of(new Throughput(median, sorted.length));
  }

  /** The figure as the report prints it: {@code 85.5}, or {@code 85.5 (median of 3)}. */
  String text() {
    String figure = String.format(Locale.ROOT, "%.1f", resourcesPerSecond);
    return loads == 1 ? figure : figure + " (median of " + loads + ")";
  }
}
