package health.sihha.bench.synthea;

import java.time.Duration;

/**
 * What one load posted and how long it took, wall clock, from the first request to the last response.
 *
 * @param bundles bundles posted
 * @param resources resources in those bundles (their entries)
 * @param elapsed wall time
 */
public record LoadSummary(int bundles, int resources, Duration elapsed) {

  public double seconds() {
    return elapsed.toNanos() / 1e9;
  }

  public double resourcesPerSecond() {
    return resources / seconds();
  }
}
