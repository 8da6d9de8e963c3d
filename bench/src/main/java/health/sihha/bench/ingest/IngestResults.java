package health.sihha.bench.ingest;

import health.sihha.bench.run.Machine;
import java.util.List;

/**
 * Everything one benchmark run records: where it ran, what it posted, each measured load and the ratios.
 *
 * @param startedAt when the run started (UTC, ISO-8601)
 * @param machine the machine it ran on
 * @param settings what was posted, and how
 * @param runs one entry per server and client count
 * @param ratios provider over stock HAPI, per client count
 * @param notes what a reader needs to know to compare the figures
 */
record IngestResults(
    String startedAt, Machine machine, Settings settings, List<IngestRun> runs, List<Ratio> ratios,
    List<String> notes) {

  IngestResults {
    runs = List.copyOf(runs);
    ratios = List.copyOf(ratios);
    notes = List.copyOf(notes);
  }

  /**
   * @param data the Synthea folder
   * @param patients patient bundles timed per load (the first ones by file name)
   * @param warmUpBundles patient bundles posted before each timed load and not counted (the next ones by name)
   * @param clientCounts client thread counts measured
   * @param database the database both servers store to
   * @param heap the servers' maximum heap
   */
  record Settings(
      String data, int patients, int warmUpBundles, List<Integer> clientCounts, String database, String heap) {

    Settings {
      clientCounts = List.copyOf(clientCounts);
    }
  }

  /** Provider over stock HAPI for one client count. */
  record Ratio(
      int clients, double providerResourcesPerSecond, double stockResourcesPerSecond, double providerOverStock) {

    static Ratio of(int clients, IngestRun provider, IngestRun stock) {
      return new Ratio(clients, provider.resourcesPerSecond(), stock.resourcesPerSecond(),
          provider.resourcesPerSecond() / stock.resourcesPerSecond());
    }
  }
}
