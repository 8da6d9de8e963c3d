package health.sihha.bench.ingest;

import health.sihha.bench.run.Machine;
import java.util.List;

/**
 * Everything one benchmark run records: where it ran, what it posted, each measured load and the targets.
 *
 * @param startedAt when the run started (UTC, ISO-8601)
 * @param machine the machine it ran on
 * @param settings what was posted, and how
 * @param runs one entry per round, database, client count and variant
 * @param targets the targets, checked on these runs
 * @param notes what a reader needs to know to compare the figures
 */
record IngestResults(
    String startedAt, Machine machine, Settings settings, List<IngestRun> runs, List<TargetCheck> targets,
    List<String> notes) {

  IngestResults {
    runs = List.copyOf(runs);
    targets = List.copyOf(targets);
    notes = List.copyOf(notes);
  }

  /**
   * @param data the Synthea folder
   * @param patients patient bundles timed per load (the first ones by file name)
   * @param warmUpBundles patient bundles posted before each timed load and not counted (the next ones by name)
   * @param clientCounts client thread counts measured
   * @param databases the databases measured, each with every client count and variant
   * @param rounds how many times every load was made
   * @param variants the variants measured
   * @param heap the servers' maximum heap
   * @param flightRecording whether the provider's loads were recorded with JDK Flight Recorder
   */
  record Settings(
      String data, int patients, int warmUpBundles, List<Integer> clientCounts, List<Database> databases,
      int rounds, List<Variant> variants, String heap, boolean flightRecording) {

    Settings {
      clientCounts = List.copyOf(clientCounts);
      databases = List.copyOf(databases);
      variants = List.copyOf(variants);
    }
  }
}
