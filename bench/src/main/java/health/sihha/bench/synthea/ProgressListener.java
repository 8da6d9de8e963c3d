package health.sihha.bench.synthea;

import java.time.Duration;

/** Told after each bundle is accepted; called from the client threads. */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener SILENT = (done, total, bundle, took) -> { };

  /**
   * @param done how many bundles of this load are accepted so far, this one included
   * @param total how many bundles this load posts
   * @param bundle the bundle just accepted
   * @param took its round trip
   */
  void accepted(int done, int total, PreparedBundle bundle, Duration took);
}
