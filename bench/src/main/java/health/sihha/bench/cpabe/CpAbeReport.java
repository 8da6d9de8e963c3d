package health.sihha.bench.cpabe;

import health.sihha.bench.cpabe.CpAbeBenchmarkMain.Settings;
import health.sihha.bench.cpabe.CpAbeBenchmarkMain.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/** The markdown report of one CP-ABE benchmark run. */
final class CpAbeReport {

  private final Settings settings;
  private final String stamp;
  private final String loadBefore;
  private final String loadAfter;
  private final Collection<RunResult> results;
  private final List<Size> sizes;

  CpAbeReport(Settings settings, String stamp, String loadBefore, String loadAfter, Collection<RunResult> results,
      List<Size> sizes) {
    this.settings = settings;
    this.stamp = stamp;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
    this.results = results;
    this.sizes = sizes;
  }

  /** The 1, 5 and 15 minute load averages, from /proc/loadavg where there is one. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# CP-ABE benchmark ").append(stamp).append("\n\n");
    md.append("FABEO CP-ABE on BLS12-381 (blst through jblst 0.3.17), envelope = FABEO KEM + HKDF-SHA256 + "
        + "AES-256-GCM, 1 KiB plaintext. JMH 1.37, mode sample time, ").append(settings.forks())
        .append(" fork(s), ").append(settings.warmup()).append(" x ").append(settings.seconds())
        .append(" s warm-up, ").append(settings.iterations()).append(" x ").append(settings.seconds())
        .append(" s measurement, fork heap -Xmx512m.\n\n");
    md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
        .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name")).append(' ')
        .append(System.getProperty("os.arch")).append(". Load average (1/5/15 min) before ").append(loadBefore)
        .append(", after ").append(loadAfter).append(".\n\n");
    md.append("**The machine is shared**: another engineer's builds and tests may run at the same time on the "
        + "same 2 cores, so these are brief, indicative figures; compare the load averages before comparing runs."
        + "\n\n");

    md.append("## Decrypt (open), ms\n\n");
    table(md, "open");
    md.append("\n## Encrypt (seal), ms\n\n");
    table(md, "seal");
    md.append("\n## Key generation, ms\n\n");
    md.append("| attributes | median | p90 | mean | median per attribute | samples |\n");
    md.append("|---:|---:|---:|---:|---:|---:|\n");
    for (int n : new int[] {1, 10, 50, 100}) {
      find("keyGen", n, null).ifPresent(s -> md.append(String.format(Locale.ROOT,
          "| %d | %.3f | %.3f | %.3f | %.3f | %d |%n", n, s.getPercentile(50), s.getPercentile(90), s.getMean(),
          s.getPercentile(50) / n, s.getN())));
    }
    md.append("\n## Ciphertext size\n\n");
    md.append("Overhead = envelope bytes minus plaintext bytes: preamble, setup id, policy text, epoch, ABE header "
        + "(2 G2, 48 bytes per row up to 16 rows, 96 above), data-key wrap, nonces, body tag. Budget: 300 + 150 bytes per row.\n\n");
    md.append("| policy | rows | policy text | overhead | budget | overhead - 300 per row |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    for (Size size : sizes) {
      md.append(String.format(Locale.ROOT, "| %s of %d | %d | %d | %d | %d | %.1f |%n", size.gate().toUpperCase(),
          size.attributes(), size.rows(), size.policyChars(), size.overhead(), 300 + 150 * size.rows(),
          (size.overhead() - 300) / (double) size.rows()));
    }
    md.append("\n## Against ARCHITECTURE.md\n\n");
    targets(md);
    return md.toString();
  }

  private void table(StringBuilder md, String benchmark) {
    md.append("| attributes | AND median | AND p90 | OR median | OR p90 |\n|---:|---:|---:|---:|---:|\n");
    for (int n : new int[] {1, 5, 10, 50, 100}) {
      Optional<Statistics> and = find(benchmark, n, "and");
      Optional<Statistics> or = find(benchmark, n, "or");
      md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s |%n", n, fmt(and, 50), fmt(and, 90),
          fmt(or, 50), fmt(or, 90)));
    }
  }

  private void targets(StringBuilder md) {
    double worstOpen = results.stream().filter(r -> method(r).equals("open"))
        .mapToDouble(r -> r.getPrimaryResult().getStatistics().getPercentile(50)).max().orElse(Double.NaN);
    double bestOpen = results.stream().filter(r -> method(r).equals("open"))
        .mapToDouble(r -> r.getPrimaryResult().getStatistics().getPercentile(50)).min().orElse(Double.NaN);
    double seal5 = find("seal", 5, "and").map(s -> s.getPercentile(50)).orElse(Double.NaN);
    double keyGenPerAttribute = results.stream().filter(r -> method(r).equals("keyGen"))
        .mapToDouble(r -> r.getPrimaryResult().getStatistics().getPercentile(50)
            / Integer.parseInt(r.getParams().getParam("attributes"))).max().orElse(Double.NaN);
    boolean sizesMet = sizes.stream().allMatch(s -> s.overhead() <= 300 + 150 * s.rows());
    md.append("| target | measured | met |\n|---|---|---|\n");
    md.append(String.format(Locale.ROOT, "| decrypt <= 3 ms median (aim 1.5), flat in policy size | %.2f to %.2f ms "
        + "over all policies | %s |%n", bestOpen, worstOpen, worstOpen <= 3 ? "yes" : "no"));
    md.append(String.format(Locale.ROOT, "| encrypt <= 10 ms, 5-attribute policy | %.2f ms (AND of 5) | %s |%n",
        seal5, seal5 <= 10 ? "yes" : "no"));
    md.append(String.format(Locale.ROOT, "| keygen <= 2 ms per attribute | at most %.3f ms per attribute | %s |%n",
        keyGenPerAttribute, keyGenPerAttribute <= 2 ? "yes" : "no"));
    md.append(String.format(Locale.ROOT, "| ciphertext overhead <= 300 + 150 bytes per row | see the size table "
        + "| %s |%n", sizesMet ? "yes" : "no"));
  }

  private Optional<Statistics> find(String benchmark, int attributes, String gate) {
    return results.stream()
        .filter(r -> method(r).equals(benchmark))
        .filter(r -> Integer.parseInt(r.getParams().getParam("attributes")) == attributes)
        .filter(r -> gate == null || gate.equals(r.getParams().getParam("gate")))
        .max(Comparator.comparingLong(r -> r.getPrimaryResult().getStatistics().getN()))
        .map(r -> r.getPrimaryResult().getStatistics());
  }

  private static String method(RunResult result) {
    String name = result.getParams().getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static String fmt(Optional<Statistics> statistics, double percentile) {
    return statistics.map(s -> String.format(Locale.ROOT, "%.3f", s.getPercentile(percentile))).orElse("-");
  }
}
