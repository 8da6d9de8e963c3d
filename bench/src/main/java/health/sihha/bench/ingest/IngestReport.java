package health.sihha.bench.ingest;

import health.sihha.bench.ingest.RequestProfile.HotFrame;
import health.sihha.bench.ingest.TargetCheck.Verdict;
import health.sihha.bench.run.ResultsFile;
import jakarta.annotation.Nullable;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a run's results as one Markdown file: the targets, the throughputs, each load, the provider's profiles,
 * the notes, then the same data as JSON.
 */
final class IngestReport {

  private static final String NONE = "–";

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
        "Synthea patient bundles posted as FHIR transactions, the same to every variant; each load on freshly"
            + " started servers with an empty database, one load at a time, %s per server.%n%n", settings.heap()));
    md.append(String.format(Locale.ROOT,
        "- data: `%s`, the first %d patient bundles by file name, timed, after %d warm-up bundles not counted;"
            + " hospital and practitioner bundles loaded first, not timed%n",
        settings.data(), settings.patients(), settings.warmUpBundles()));
    md.append("- databases: ").append(settings.databases().stream().map(Database::label)
        .collect(Collectors.joining(", "))).append("; clients: ").append(settings.clientCounts().stream()
        .map(String::valueOf).collect(Collectors.joining(", "))).append('\n');
    md.append(String.format(Locale.ROOT, "- rounds: %d%s%n", settings.rounds(), settings.rounds() == 1 ? ""
        : ", each making every load once in the same order; a figure is the median of its loads"));
    md.append("- variants: ").append(settings.variants().stream().map(Variant::label)
        .collect(Collectors.joining("; "))).append('\n');
    md.append("- flight recordings of the provider: ").append(settings.flightRecording()
        ? "yes, next to this file (see the profiles below)" : "no").append('\n');
    md.append(String.format(Locale.ROOT, "- machine: %d cores, %,d MiB, %s, %s%n%n",
        machine.cores(), machine.memoryMiB(), machine.os(), machine.java()));
    md.append("## Targets\n\n").append(targetTable(results)).append('\n');
    md.append("## Resources/s\n\n").append(throughputTables(results));
    md.append("## Loads\n\n").append(loadTable(results)).append('\n');
    md.append(profiles(results));
    md.append("## Notes\n\n");
    results.notes().forEach(note -> md.append("- ").append(note).append('\n'));
    md.append("\n```json\n").append(ResultsFile.json(results)).append("\n```\n");
    return md.toString();
  }

  /** Each target, its ratio, and plainly whether it is met. */
  static String targetTable(IngestResults results) {
    StringBuilder table = new StringBuilder()
        .append("| target | database | clients | ratio | needed | result | loads compared |\n")
        .append("|---|---|---|---:|---:|---|---|\n");
    for (TargetCheck check : results.targets()) {
      table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | ≥ %.1f | %s | %s |%n", check.target(),
          check.database(), check.clients(), check.ratio() == null ? NONE : String.format(Locale.ROOT, "%.2f",
              check.ratio()), check.atLeast(), verdict(check.verdict()), check.detail()));
    }
    return table.toString();
  }

  /** Per database, each variant's resources/s at each client count. */
  static String throughputTables(IngestResults results) {
    StringBuilder md = new StringBuilder();
    List<Integer> clientCounts = results.settings().clientCounts();
    for (Database database : results.settings().databases()) {
      md.append("### ").append(database.label()).append("\n\n| variant |");
      clientCounts.forEach(c -> md.append(' ').append(c).append(c == 1 ? " client |" : " clients |"));
      md.append("\n|---|").append("---:|".repeat(clientCounts.size())).append('\n');
      for (Variant variant : results.settings().variants()) {
        md.append("| ").append(variant.label()).append(" |");
        for (int clients : clientCounts) {
          md.append(' ').append(Throughput.of(results.runs(), database, variant, clients).map(Throughput::text)
              .orElse(NONE)).append(" |");
        }
        md.append('\n');
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String loadTable(IngestResults results) {
    StringBuilder table = new StringBuilder()
        .append("| round | database | variant | clients | bundles | resources | seconds | resources/s | startup s"
            + " | Subscriptions | server CPU s | ministry CPU s | server / ministry peak resident MB"
            + " | load avg before / after |\n")
        .append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (IngestRun run : results.runs()) {
      table.append(String.format(Locale.ROOT,
          "| %d | %s | %s | %d | %d | %d | %.1f | %.1f | %.0f | %d | %s | %s | %s / %s | %.1f / %.1f |%n",
          run.round(), run.database().label(), run.variant().label(), run.clients(), run.bundles(), run.resources(),
          run.seconds(), run.resourcesPerSecond(), run.startupSeconds(), run.subscriptions(),
          seconds(run.serverCpuSeconds()), seconds(run.ministryCpuSeconds()),
          megabytes(run.serverPeakResidentMegabytes()), megabytes(run.ministryPeakResidentMegabytes()),
          run.loadAverageBefore(), run.loadAverageAfter()));
    }
    return table.toString();
  }

  private static String profiles(IngestResults results) {
    List<IngestRun> profiled = results.runs().stream().filter(r -> r.profile() != null).toList();
    if (profiled.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("## Where the provider's request threads spend their time\n\n")
        .append(String.format(Locale.ROOT, "From each provider load's flight recording: the execution samples of"
            + " its request threads (`%s*`) between the first request and the last response of the timed load,"
            + " counted by HAPI (`ca.uhn.fhir`, and the HL7 core `org.hl7.fhir` it validates and models with) and"
            + " Sihha (`health.sihha`) method, the top %d of two views:%n%n", RequestProfiler.REQUEST_THREADS,
            RequestProfiler.TOP_FRAMES));
    md.append(String.format(Locale.ROOT, "- **inclusive**: the samples with the method anywhere on the stack, the"
        + " time spent in it and in what it called. Nested methods' shares overlap. The methods on at least %.0f%%"
        + " of the samples (the request's dispatch and HAPI's transaction, which every request goes through) are"
        + " left out, and a method on the same samples as one listed above it, give or take %.0f%% of them (a"
        + " callee it only passes through to), is not listed again.%n", 100 * HotFrames.ENVELOPE,
        100 * HotFrames.SAME_COST));
    md.append("- **innermost**: each sample counted once, for the innermost HAPI or Sihha method on its stack, with"
        + " the time in the JDK, Hibernate or the database driver it called. These shares add up to at most"
        + " 100%.\n\n");
    for (IngestRun run : profiled) {
      RequestProfile profile = run.profile();
      md.append(String.format(Locale.ROOT, "### %s, %s, %d client%s, round %d%n%n", run.database().label(),
          run.variant().label(), run.clients(), run.clients() == 1 ? "" : "s", run.round()));
      md.append(String.format(Locale.ROOT, "`%s`: %,d samples, %,d of them with a stack cut at %d frames; %d"
          + " methods on at least %.0f%% of them left out of the inclusive view.%n%n", run.recording(),
          profile.samples(), profile.truncatedStacks(), IngestCommands.STACK_DEPTH, profile.envelopeFrames(),
          100 * HotFrames.ENVELOPE));
      md.append(frameTable("inclusive", profile.inclusive())).append('\n');
      md.append(frameTable("innermost", profile.innermost())).append('\n');
    }
    return md.toString();
  }

  private static String frameTable(String view, List<HotFrame> frames) {
    StringBuilder table = new StringBuilder("| ").append(view).append(" | samples | % |\n|---|---:|---:|\n");
    for (HotFrame frame : frames) {
      table.append(String.format(Locale.ROOT, "| `%s` | %,d | %.1f |%n", frame.frame(), frame.samples(),
          frame.percent()));
    }
    return table.toString();
  }

  private static String verdict(Verdict verdict) {
    return verdict == Verdict.NOT_MEASURED ? verdict.text() : "**" + verdict.text() + "**";
  }

  private static String seconds(@Nullable Double seconds) {
    return seconds == null ? NONE : String.format(Locale.ROOT, "%.1f", seconds);
  }

  private static String megabytes(@Nullable Double megabytes) {
    return megabytes == null ? NONE : String.format(Locale.ROOT, "%.0f", megabytes);
  }
}
