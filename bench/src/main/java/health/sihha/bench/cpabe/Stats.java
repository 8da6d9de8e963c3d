package health.sihha.bench.cpabe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and percentiles of a few samples. */
final class Stats {

  private Stats() {}

  /** The median: the middle sample, or the mean of the two middle ones. NaN for no samples. */
  static double median(List<Double> samples) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = sorted(samples);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** The nearest-rank percentile: the smallest sample with at least {@code percent}% of the samples at or below it. */
  static double percentile(List<Double> samples, double percent) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = sorted(samples);
    int rank = (int) Math.ceil(percent / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static List<Double> sorted(List<Double> samples) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return sorted;
  }
}
