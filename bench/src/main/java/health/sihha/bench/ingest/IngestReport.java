package health.sihha.bench.ingest;

import health.sihha.bench.ingest.IngestResults.Ratio;
import health.sihha.bench.run.ResultsFile;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a run's results as one Markdown file: the tables to read, then the same data as JSON. */
final class IngestReport {

  private IngestReport() {}

  static Path write(Path dir, String fileStamp, IngestResults results) {
    return ResultsFile.write(dir, "ingest-" + fileStamp + ".md", markdown(results));
  }

  static String markdown(IngestResults results) {
    var settings = results.settings();
    var machine = results.machine();
    StringBuilder md = new StringBuilder();
    md.append("# Ingest benchmark, ").append(results.startedAt()).append("\n\n");
    md.append(String.format(Locale.ROOT,
        "Synthea patient bundles posted as FHIR transactions, the same to each server; each load on a freshly"
            + " started server with an empty %s database, one server running at a time, %s.%n%n",
        settings.database(), settings.heap()));
    md.append(String.format(Locale.ROOT,
        "- data: `%s`, the first %d patient bundles by file name, timed, after %d warm-up bundles not counted;"
            + " hospital and practitioner bundles loaded first, not timed%n",
        settings.data(), settings.patients(), settings.warmUpBundles()));
    md.append(String.format(Locale.ROOT, "- machine: %d cores, %,d MiB, %s, %s%n%n",
        machine.cores(), machine.memoryMiB(), machine.os(), machine.java()));
    md.append(ratioTable(results)).append('\n');
    md.append(runTable(results)).append('\n');
    md.append("Notes:\n\n");
    results.notes().forEach(note -> md.append("- ").append(note).append('\n'));
    md.append("\n```json\n").append(ResultsFile.json(results)).append("\n```\n");
    return md.toString();
  }

  static String ratioTable(IngestResults results) {
    StringBuilder table = new StringBuilder()
        .append("| clients | provider resources/s | stock HAPI resources/s | provider / stock |\n")
        .append("|---:|---:|---:|---:|\n");
    for (Ratio ratio : results.ratios()) {
      table.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f |%n", ratio.clients(),
          ratio.providerResourcesPerSecond(), ratio.stockResourcesPerSecond(), ratio.providerOverStock()));
    }
    return table.toString();
  }

  private static String runTable(IngestResults results) {
    StringBuilder table = new StringBuilder()
        .append("| server | clients | bundles | resources | seconds | resources/s | startup s | Subscriptions"
            + " | load avg before / after |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (IngestRun run : results.runs()) {
      table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.0f | %.0f | %d | %.1f / %.1f |%n",
          run.server(), run.clients(), run.bundles(), run.resources(), run.seconds(), run.resourcesPerSecond(),
          run.startupSeconds(), run.subscriptions(), run.loadAverageBefore(), run.loadAverageAfter()));
    }
    return table.toString();
  }
}
