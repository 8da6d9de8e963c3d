package health.sihha.bench.terminology;

import health.sihha.bench.run.ResultsFile;
import health.sihha.bench.terminology.TerminologyResults.Ratio;
import health.sihha.bench.terminology.TerminologyResults.ServerRun;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a terminology run as one Markdown file: the tables to read, then the same data as JSON. */
final class TerminologyReport {

  private TerminologyReport() {}

  static Path write(Path dir, String fileStamp, TerminologyResults results) {
    return ResultsFile.write(dir, "terminology-" + fileStamp + ".md", markdown(results));
  }

  static String markdown(TerminologyResults results) {
    var settings = results.settings();
    var machine = results.machine();
    StringBuilder md = new StringBuilder();
    md.append("# Terminology benchmark, ").append(results.startedAt()).append("\n\n");
    md.append(String.format(Locale.ROOT, "ICD-10-CM (%,d codes, `%s`) over HTTP/1.1 keep-alive, %d client threads,"
            + " one server at a time, %s. Each operation: one untimed pass over its requests, then %d s timed.%n%n",
        settings.codes(), settings.codeTable(), settings.clients(), settings.heap(), settings.secondsPerOperation()));
    md.append(String.format(Locale.ROOT, "- `$expand`: %d prefixes, `count=10`, ValueSet `%s`%n",
        settings.prefixes(), Probe.VALUE_SET_URL));
    md.append(String.format(Locale.ROOT, "- `$lookup`, `$validate-code`: %,d real codes (seeded sample) and %d that do"
        + " not exist%n", settings.validCodes(), settings.invalidCodes()));
    md.append(String.format(Locale.ROOT, "- machine: %d cores, %,d MiB, %s, %s%n%n",
        machine.cores(), machine.memoryMiB(), machine.os(), machine.java()));
    md.append(operationTable(results)).append('\n');
    if (!results.ratios().isEmpty()) {
      md.append(ratioTable(results)).append('\n');
    }
    md.append("Typing, prefix by prefix (").append(settings.typingRequestsPerPrefix())
        .append(" requests each), latency in ms:\n\n").append(typingTable(results)).append('\n');
    md.append(setupTable(results)).append('\n');
    md.append("Stock HAPI configuration:\n\n");
    settings.stockSettings().forEach(line -> md.append("- ").append(line).append('\n'));
    md.append("\nNotes:\n\n");
    results.notes().forEach(note -> md.append("- ").append(note).append('\n'));
    md.append("\n```json\n").append(ResultsFile.json(results)).append("\n```\n");
    return md.toString();
  }

  static String operationTable(TerminologyResults results) {
    StringBuilder table = new StringBuilder()
        .append("| operation | server | requests | errors | wrong | no match | req/s | p50 ms | p95 ms | p99 ms"
            + " | max ms | client CPU s |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ServerRun run : results.runs()) {
      for (Latencies op : run.operations()) {
        table.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.0f"
                + " | %.1f |%n", op.operation(), run.server(), op.requests(), op.errors(), op.wrongAnswers(),
            op.emptyAnswers(), op.requestsPerSecond(), op.p50Ms(), op.p95Ms(), op.p99Ms(), op.maxMs(),
            op.clientCpuSeconds()));
      }
    }
    return table.toString();
  }

  private static String ratioTable(TerminologyResults results) {
    StringBuilder table = new StringBuilder()
        .append("| operation | Sihha / stock req/s | Sihha / stock p95 |\n|---|---:|---:|\n");
    for (Ratio ratio : results.ratios()) {
      table.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", ratio.operation(),
          ratio.requestsPerSecondRatio(), ratio.p95Ratio()));
    }
    return table.toString();
  }

  private static String typingTable(TerminologyResults results) {
    StringBuilder header = new StringBuilder("| prefix |");
    StringBuilder rule = new StringBuilder("|---|");
    for (ServerRun run : results.runs()) {
      header.append(' ').append(run.server()).append(" p50 | p95 | errors |");
      rule.append("---:|---:|---:|");
    }
    StringBuilder table = new StringBuilder().append(header).append('\n').append(rule).append('\n');
    for (int i = 0; i < results.settings().typingPrefixes().size(); i++) {
      table.append("| `").append(results.settings().typingPrefixes().get(i)).append("` |");
      for (ServerRun run : results.runs()) {
        Latencies prefix = run.typing().get(i);
        table.append(String.format(Locale.ROOT, " %.1f | %.1f | %d |", prefix.p50Ms(), prefix.p95Ms(),
            prefix.errors()));
      }
      table.append('\n');
    }
    return table.toString();
  }

  private static String setupTable(TerminologyResults results) {
    StringBuilder table = new StringBuilder()
        .append("| server | startup s | upload s | fully expandable s | expansion total | peak resident MB"
            + " | load avg before / after | expansion message |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (ServerRun run : results.runs()) {
      var setup = run.setup();
      table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %,d | %s | %.1f / %.1f | %s |%n",
          run.server(), seconds(run.startupSeconds()), seconds(setup.uploadSeconds()), setup.expandableSeconds(),
          setup.expansionTotal(), run.peakResidentMegabytes() == null ? "-"
              : String.format(Locale.ROOT, "%.0f", run.peakResidentMegabytes()),
          run.loadAverageBefore(), run.loadAverageAfter(), setup.expansionMessage().replace("|", "\\|")));
    }
    return table.append("\nSetup times count from readiness (upload, storage, expansion) or process start"
        + " (startup). Peak resident: the server process's largest resident set (Linux VmHWM) over the whole run,"
        + " heap capped at " + TerminologyServer.HEAP.substring(4) + " (" + TerminologyServer.HEAP + ").\n").toString();
  }

  private static String seconds(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.0f", value);
  }
}
