package health.sihha.bench.ledger;

import health.sihha.bench.run.Machine;
import health.sihha.bench.run.ResultsFile;
import health.sihha.bench.synthea.CommandLineArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the ledger's JMH benchmarks ({@link AppendBenchmark}, {@link CanonicalHashBenchmark},
 * {@link ProofBenchmark}) briefly, in one forked JVM each, prints a table and writes
 * {@code bench/results/ledger-<UTC timestamp>.md}. Run it from the plain classpath (see bench/README.md), not from
 * the Spring Boot jar.
 */
public final class LedgerBenchmark {

  private static final Set<String> OPTIONS = Set.of("warmups", "iterations", "seconds", "include", "root", "cpu");
  private static final String USAGE = "usage: LedgerBenchmark [--warmups 2] [--iterations 3] [--seconds 2]"
      + " [--include REGEX] [--root .] [--cpu true]";

  /** What one run measures. */
  record Request(int warmups, int iterations, int seconds, String include, Path root, boolean cpu) {}

  /** One benchmark's figure. */
  record Figure(String benchmark, Map<String, String> params, String mode, double score, double error,
      String unit) {}

  /** The results file's data (plain JSON types: the shared results writer has no java.time module). */
  record Results(String started, Machine machine, double loadBefore, double loadAfter, long seconds, int warmups,
      int iterations, int secondsPerIteration, List<Figure> figures, List<CpuTimes.CpuFigure> cpuFigures) {}

  private LedgerBenchmark() {}

  public static void main(String[] args) {
    CommandLineArgs.run(args, OPTIONS, USAGE, LedgerBenchmark::from, LedgerBenchmark::run);
  }

  private static Request from(CommandLineArgs options) {
    return new Request(options.positiveInt("warmups", 2), options.positiveInt("iterations", 3),
        options.positiveInt("seconds", 2), options.get("include", "health\\.sihha\\.bench\\.ledger\\..*"),
        Path.of(options.get("root", ".")), Boolean.parseBoolean(options.get("cpu", "true")));
  }

  private static void run(Request request) {
    Instant started = Instant.now();
    double loadBefore = Machine.loadAverage();
    Options options = new OptionsBuilder().include(request.include())
        .warmupIterations(request.warmups()).warmupTime(TimeValue.seconds(1))
        .measurementIterations(request.iterations()).measurementTime(TimeValue.seconds(request.seconds()))
        .forks(1).jvmArgsAppend("-Xmx2g").shouldFailOnError(true).build();
    Collection<RunResult> runs;
    try {
      runs = new Runner(options).run();
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
    }
    List<Figure> figures = new ArrayList<>();
    for (RunResult run : runs) {
      Result<?> primary = run.getPrimaryResult();
      String name = run.getParams().getBenchmark();
      Map<String, String> params = new TreeMap<>();
      for (String key : run.getParams().getParamsKeys()) {
        params.put(key, run.getParams().getParam(key));
      }
      figures.add(new Figure(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), params,
          run.getParams().getMode().shortLabel(), primary.getScore(), primary.getScoreError(),
          primary.getScoreUnit()));
    }
    List<CpuTimes.CpuFigure> cpuFigures =
        request.cpu() ? CpuTimes.measureAll(request.warmups(), request.seconds()) : List.of();
    Results results = new Results(started.toString(), Machine.current(), loadBefore, Machine.loadAverage(),
        Duration.between(started, Instant.now()).toSeconds(), request.warmups(), request.iterations(),
        request.seconds(), figures, cpuFigures);
    String table = table(figures) + (cpuFigures.isEmpty() ? "" : "\n" + cpuTable(cpuFigures));
    System.out.println();
    System.out.print(table);
    Path file = ResultsFile.write(request.root().resolve("bench").resolve("results"),
        "ledger-" + ResultsFile.stamp(started) + ".md", report(results, table));
    System.out.println("Results: " + file);
  }

  static String cpuTable(List<CpuTimes.CpuFigure> figures) {
    StringBuilder out = new StringBuilder();
    out.append("| benchmark (this JVM) | params | operations | CPU us/op | wall us/op |\n|---|---|---:|---:|---:|\n");
    for (CpuTimes.CpuFigure f : figures) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s |%n", f.benchmark(), f.params(),
          f.operations(), number(f.cpuMicrosPerOp()), number(f.wallMicrosPerOp())));
    }
    return out.toString();
  }

  static String table(List<Figure> figures) {
    StringBuilder out = new StringBuilder();
    out.append("| benchmark | params | mode | score | ± (99.9%) | unit |\n|---|---|---|---:|---:|---|\n");
    for (Figure f : figures) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", f.benchmark(),
          f.params().isEmpty() ? "" : f.params().toString().replaceAll("[{}]", ""), f.mode(), number(f.score()),
          number(f.error()), f.unit()));
    }
    return out.toString();
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String report(Results results, String table) {
    return "# Ledger benchmark, " + results.started() + "\n\n"
        + "JMH 1.37, one fork per benchmark (-Xmx2g), " + results.warmups() + " warm-up iterations of 1 s, "
        + results.iterations() + " measured iterations of " + results.secondsPerIteration() + " s. "
        + "Machine: " + results.machine().cores() + " cores, " + results.machine().memoryMiB() + " MiB, "
        + results.machine().java() + ". 1-minute load average " + String.format(Locale.ROOT, "%.2f",
        results.loadBefore()) + " before, " + String.format(Locale.ROOT, "%.2f", results.loadAfter())
        + " after; " + results.seconds() + " s in all.\n\n"
        + "- `AppendBenchmark.appendBatchOf512`: resource versions appended per second, in batches of 512 (one "
        + "signed tree head per batch), in-memory store. Target: at least 10,000/s.\n"
        + "- `CanonicalHashBenchmark`: microseconds to hash one Synthea Observation or Patient (from the HAPI object, "
        + "or from its JSON as an auditor does).\n"
        + "- `ProofBenchmark`: microseconds to build or to verify one inclusion proof at each tree size. Target: "
        + "verification under 1 ms (1,000 us).\n"
        + "- The second table runs the same operations in the main JVM, after the JMH runs, timed by the thread's "
        + "CPU time as well as by the wall clock: on a shared machine the CPU time per operation leaves out the time "
        + "the thread waited for a core.\n\n"
        + table + "\n```json\n" + ResultsFile.json(results) + "\n```\n";
  }
}
