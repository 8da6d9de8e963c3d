package health.sihha.bench.ingest;

import health.sihha.bench.synthea.PreparedBundle;
import java.util.List;

/**
 * The bundles posted in every load, the same for every variant.
 *
 * @param shared the hospital and practitioner bundles, posted first by one client, untimed
 * @param warmUp patient bundles posted next, untimed
 * @param timed the patient bundles timed
 */
record Workload(List<PreparedBundle> shared, List<PreparedBundle> warmUp, List<PreparedBundle> timed) {

  Workload {
    shared = List.copyOf(shared);
    warmUp = List.copyOf(warmUp);
    timed = List.copyOf(timed);
  }
}
