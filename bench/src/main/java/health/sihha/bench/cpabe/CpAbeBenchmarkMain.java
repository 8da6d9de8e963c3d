package health.sihha.bench.cpabe;

import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.Envelope;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the CP-ABE JMH benchmarks ({@link KeyGenBenchmark}, {@link EnvelopeBenchmark}) and writes
 * {@code <results>/cpabe-<UTC timestamp>.md} (tables against ARCHITECTURE.md's targets) and JMH's own results,
 * every sample, to {@code bench/target/cpabe-<UTC timestamp>.json}. Start it from the plain class path built in the reactor, never from the repackaged jar (see
 * bench/README.md):
 *
 * <pre>
 * mvn -B -q -pl interceptors,bench compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * cd bench &amp;&amp; java -cp "target/classes:$(cat target/classpath.txt)" \
 *     health.sihha.bench.cpabe.CpAbeBenchmarkMain --results results
 * </pre>
 *
 * <p>Options: {@code --forks 1 --warmup 2 --iterations 3 --seconds 1 --results bench/results}.
 */
public final class CpAbeBenchmarkMain {

  private static final Logger LOG = LoggerFactory.getLogger(CpAbeBenchmarkMain.class);
  private static final int[] SIZE_ATTRIBUTES = {1, 5, 10, 50, 100};

  private CpAbeBenchmarkMain() {}

  /** Measurement settings, from the command line. */
  record Settings(int forks, int warmup, int iterations, int seconds, Path results) {

    static Settings parse(String[] args) {
      Map<String, String> values = new HashMap<>(Map.of("--forks", "1", "--warmup", "2", "--iterations", "3",
          "--seconds", "1", "--results", Files.isDirectory(Path.of("bench/results")) ? "bench/results" : "results"));
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (!values.containsKey(args[i])) {
          throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + values.keySet());
        }
        values.put(args[i], args[i + 1]);
      }
      return new Settings(Integer.parseInt(values.get("--forks")), Integer.parseInt(values.get("--warmup")),
          Integer.parseInt(values.get("--iterations")), Integer.parseInt(values.get("--seconds")),
          Path.of(values.get("--results")));
    }
  }

  /** Size of an envelope of a 1 KiB resource under the AND or OR of {@code attributes} attributes. */
  record Size(String gate, int attributes, int policyChars, int rows, int overhead) {}

  public static void main(String[] args) throws RunnerException, IOException {
    Settings settings = Settings.parse(args);
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
    Files.createDirectories(settings.results());
    // JMH's own results hold every sample (hundreds of KB): next to the build output, not in the results folder
    Path target = settings.results().toAbsolutePath().resolveSibling("target");
    Files.createDirectories(target);
    Path json = target.resolve("cpabe-" + stamp + ".json");
    Path markdown = settings.results().resolve("cpabe-" + stamp + ".md");

    String loadBefore = CpAbeReport.loadAverage();
    Options options = new OptionsBuilder()
        .include(KeyGenBenchmark.class.getName() + ".*")
        .include(EnvelopeBenchmark.class.getName() + ".*")
        .forks(settings.forks())
        .warmupIterations(settings.warmup()).warmupTime(TimeValue.seconds(settings.seconds()))
        .measurementIterations(settings.iterations()).measurementTime(TimeValue.seconds(settings.seconds()))
        .jvmArgsAppend("-Xmx512m")
        .shouldFailOnError(true)
        .result(json.toString()).resultFormat(ResultFormatType.JSON)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    String loadAfter = CpAbeReport.loadAverage();

    String report = new CpAbeReport(settings, stamp, loadBefore, loadAfter, results, sizes()).markdown();
    Files.writeString(markdown, report);
    LOG.info("CP-ABE benchmark written to {} and {}", markdown, json);
  }

  private static List<Size> sizes() {
    CpAbe abe = new CpAbe();
    MasterKey master = abe.setup();
    byte[] plaintext = Policies.plaintext(EnvelopeBenchmark.PLAINTEXT_BYTES);
    List<Size> sizes = new ArrayList<>();
    for (String gate : List.of("and", "or")) {
      for (int n : SIZE_ATTRIBUTES) {
        String policy = Policies.policy(gate, n);
        byte[] envelope = abe.seal(master, policy, 1, plaintext,
            new SealContext("Observation", "bench-1", "1", policy));
        Envelope inspected = CpAbe.inspect(envelope);
        sizes.add(new Size(gate, n, policy.length(), inspected.header().rowCount(), inspected.overhead()));
      }
    }
    return sizes;
  }
}
