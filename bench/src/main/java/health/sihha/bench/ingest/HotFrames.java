package health.sihha.bench.ingest;

import health.sihha.bench.ingest.RequestProfile.HotFrame;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Counts sampled stacks by frame, two ways: inclusively (a frame counts once for every sample whose stack holds it
 * anywhere: the share of time spent in it or in what it called) and by innermost frame (a sample counts for its
 * innermost counted frame only).
 */
final class HotFrames {

  /** Frames on at least this share of the samples are the envelope of every request, not a cost of their own. */
  static final double ENVELOPE = 0.95;
  /**
   * Two frames whose samples differ by at most this share are one cost: a caller and the callees it passes through
   * to (HAPI's dispatch, its lambdas and proxies). Only the one on the most samples is listed (the first by name of
   * equals).
   */
  static final double SAME_COST = 0.01;

  private final Predicate<String> counted;
  private final Map<String, BitSet> inclusive = new HashMap<>();
  private final Map<String, Integer> innermost = new HashMap<>();
  private int samples;
  private int truncatedStacks;

  /** @param counted which frames are counted (all samples are, whatever frames they hold) */
  HotFrames(Predicate<String> counted) {
    this.counted = counted;
  }

  /**
   * One sample.
   *
   * @param stack its frames, as {@code package.Class.method}, innermost first (as JFR gives them)
   * @param truncated whether the stack was cut
   */
  void add(List<String> stack, boolean truncated) {
    int sample = samples++;
    if (truncated) {
      truncatedStacks++;
    }
    Set<String> seen = new HashSet<>();
    for (String frame : stack) {
      if (counted.test(frame) && seen.add(frame)) {
        inclusive.computeIfAbsent(frame, f -> new BitSet()).set(sample);
        if (seen.size() == 1) {
          innermost.merge(frame, 1, Integer::sum);
        }
      }
    }
  }

  /**
   * The {@code limit} frames with the most samples in each view (ties by name); the inclusive view leaves out the
   * envelope and lists one frame of each cost.
   */
  RequestProfile profile(int limit) {
    int envelopeFrames = 0;
    List<BitSet> listedSamples = new ArrayList<>();
    List<HotFrame> listed = new ArrayList<>();
    for (Map.Entry<String, BitSet> frame : byCount(inclusive, BitSet::cardinality)) {
      BitSet frameSamples = frame.getValue();
      if (frameSamples.cardinality() >= ENVELOPE * samples) {
        envelopeFrames++;
      } else if (listed.size() < limit && listedSamples.stream().noneMatch(other -> sameCost(frameSamples, other))) {
        listedSamples.add(frameSamples);
        listed.add(hot(frame.getKey(), frameSamples.cardinality()));
      }
    }
    List<HotFrame> inner = byCount(innermost, count -> count).stream().limit(limit)
        .map(e -> hot(e.getKey(), e.getValue())).toList();
    return new RequestProfile(samples, truncatedStacks, envelopeFrames, listed, inner);
  }

  private boolean sameCost(BitSet a, BitSet b) {
    BitSet differing = (BitSet) a.clone();
    differing.xor(b);
    return differing.cardinality() <= SAME_COST * samples;
  }

  private HotFrame hot(String frame, int count) {
    return new HotFrame(frame, count, 100.0 * count / samples);
  }

  private static <V> List<Map.Entry<String, V>> byCount(Map<String, V> counts,
      ToIntFunction<V> count) {
    return counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, V>>comparingInt(e -> count.applyAsInt(e.getValue())).reversed()
            .thenComparing(Map.Entry::getKey))
        .toList();
  }
}
