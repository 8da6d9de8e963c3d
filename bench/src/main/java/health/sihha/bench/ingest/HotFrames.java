package health.sihha.bench.ingest;

import health.sihha.bench.ingest.RequestProfile.HotFrame;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Counts sampled stacks by frame, inclusively: a frame counts once for every sample whose stack holds it anywhere, so
 * its count over all samples is the share of time spent in it or in what it called.
 */
final class HotFrames {

  private final Predicate<String> counted;
  private final Map<String, Integer> samplesByFrame = new HashMap<>();
  private int samples;
  private int truncatedStacks;

  /** @param counted which frames are counted (all samples are, whatever frames they hold) */
  HotFrames(Predicate<String> counted) {
    this.counted = counted;
  }

  /**
   * One sample.
   *
   * @param stack its frames, as {@code package.Class.method}, in any order
   * @param truncated whether the stack was cut
   */
  void add(List<String> stack, boolean truncated) {
    samples++;
    if (truncated) {
      truncatedStacks++;
    }
    Set<String> seen = new HashSet<>();
    for (String frame : stack) {
      if (counted.test(frame) && seen.add(frame)) {
        samplesByFrame.merge(frame, 1, Integer::sum);
      }
    }
  }

  /** The {@code limit} frames in the most samples (ties by name). */
  RequestProfile top(int limit) {
    List<HotFrame> frames = samplesByFrame.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .map(e -> new HotFrame(e.getKey(), e.getValue(), 100.0 * e.getValue() / samples))
        .toList();
    return new RequestProfile(samples, truncatedStacks, frames);
  }
}
