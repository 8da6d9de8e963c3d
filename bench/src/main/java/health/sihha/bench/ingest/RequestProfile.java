package health.sihha.bench.ingest;

import java.util.List;

/**
 * Where the provider's request threads spent the timed load, from its flight recording: the frames found in the most
 * execution samples.
 *
 * @param samples execution samples of request threads during the timed load
 * @param truncatedStacks samples whose stack was deeper than the recording kept (their outermost frames are missing)
 * @param frames the top frames, most samples first
 */
record RequestProfile(int samples, int truncatedStacks, List<HotFrame> frames) {

  RequestProfile {
    frames = List.copyOf(frames);
  }

  /**
   * One method's inclusive cost.
   *
   * @param frame the method, as {@code package.Class.method}
   * @param samples samples with the method anywhere on the stack (once per sample, however deep it recursed)
   * @param percent those samples as a percentage of all samples
   */
  record HotFrame(String frame, int samples, double percent) {}
}
