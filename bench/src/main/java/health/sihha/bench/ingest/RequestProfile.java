package health.sihha.bench.ingest;

import java.util.List;

/**
 * Where the provider's request threads spent the timed load, from its flight recording, in two views of the same
 * execution samples: the methods found on the most stacks (inclusive), and the methods the samples ended in
 * (innermost).
 *
 * @param samples execution samples of request threads during the timed load
 * @param truncatedStacks samples whose stack was deeper than the recording kept (their outermost frames are missing)
 * @param envelopeFrames methods left out of {@code inclusive} because nearly every sample holds them: the request's
 *     dispatch and HAPI's transaction, which every request goes through
 * @param inclusive the methods on the most samples, most first
 * @param innermost the methods the most samples were in, counting for each sample only its innermost counted method,
 *     most first; these shares do not overlap
 */
record RequestProfile(
    int samples, int truncatedStacks, int envelopeFrames, List<HotFrame> inclusive, List<HotFrame> innermost) {

  RequestProfile {
    inclusive = List.copyOf(inclusive);
    innermost = List.copyOf(innermost);
  }

  /**
   * One method's share of the samples.
   *
   * @param frame the method, as {@code package.Class.method}
   * @param samples the samples it counts for (once per sample, however deep it recursed)
   * @param percent those samples as a percentage of all samples
   */
  record HotFrame(String frame, int samples, double percent) {}
}
