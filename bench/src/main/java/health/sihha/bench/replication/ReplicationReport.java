package health.sihha.bench.replication;

import health.sihha.bench.replication.Lags.Percentiles;
import health.sihha.bench.run.ResultsFile;
import java.nio.file.Path;
import java.util.Locale;

/** The replication benchmark's results file: the figures to read, then the same as JSON. */
final class ReplicationReport {

  private ReplicationReport() {}

  static Path write(Path dir, String stamp, ReplicationResults results) {
    String markdown = "# Replication benchmark, " + results.started() + "\n\n"
        + "Machine: " + results.machine().cores() + " cores, " + results.machine().memoryMiB() + " MiB, "
        + results.machine().java() + ". Database: " + results.settings().database() + ", heap "
        + results.settings().heap() + " per server.\n\n"
        + table(results)
        + "\nTargets (issue 12): p95 lag under 2 s outside the restart window; nothing lost, mismatched or applied"
        + " twice.\n\n```json\n" + ResultsFile.json(results) + "\n```\n";
    return ResultsFile.write(dir, "replication-" + stamp + ".md", markdown);
  }

  static String table(ReplicationResults results) {
    ReplicationResults.Load load = results.load();
    Lags lags = results.lags();
    ReplicationResults.Content content = results.content();
    return String.format(Locale.ROOT, """
        | | value |
        |---|---|
        | offered / accepted / refused writes | %d / %d / %d |
        | write throughput | %.1f writes/s over %.0f s |
        | ministry stopped, ready again | %s, %s |
        %s%s| backlog drained after restart | %.1f s |
        | versions never arrived | %d |
        | versions applied twice | %d |
        | current resources compared / lost / mismatched / extra | %d / %d / %d / %d |
        """, load.offered(), load.accepted(), load.refused(), load.acceptedPerSecond(), load.seconds(),
        results.ministryStopped(), results.ministryReady(), row("lag outside the restart window", lags.outside()),
        row("lag inside the restart window", lags.window()), lags.windowDrainSeconds(), lags.neverArrived(),
        lags.duplicates(), content.compared(), content.lost(), content.mismatched(), content.extra());
  }

  private static String row(String label, Percentiles p) {
    return String.format(Locale.ROOT, "| %s (%d writes): p50 / p95 / p99 / max | %d / %d / %d / %d ms |%n", label,
        p.count(), p.p50(), p.p95(), p.p99(), p.max());
  }
}
