package health.sihha.bench.replication;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import health.sihha.bench.run.BuiltJars;
import health.sihha.bench.run.Machine;
import health.sihha.bench.run.PostgresDatabases;
import health.sihha.bench.run.ResultsFile;
import health.sihha.bench.run.ServerProcess;
import health.sihha.bench.synthea.CommandLineArgs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Replication from two providers to the ministry under a steady write load, with the ministry restarted midway.
 *
 * <p>Starts the ministry and two providers from the built jars (each its own JVM, {@code -Xmx1g}, free loopback
 * ports, fresh data), writes Observations at both providers at a fixed total rate (four in five new, one in five an
 * update of an earlier one), stops the ministry halfway through for {@code --down} seconds and starts it again, then
 * waits until the national store has caught up. Reported: replication lag per version (the ministry's time of the
 * first national version at or past it, minus the provider's time of the version) as percentiles outside and inside
 * the restart window, write and apply throughput, and, by comparing every current resource on both sides, how many
 * are lost, mismatched or held twice. Run from the repository root after {@code mvn -B -q -DskipTests install}:
 *
 * <pre>
 * java -Dloader.main=health.sihha.bench.replication.ReplicationBenchmark -jar bench/target/sihha-bench.jar \
 *     [--rate 50] [--seconds 200] [--down 20] [--database h2|postgres] [--root .]
 * </pre>
 *
 * <p>The servers run with security off: this measures the delivery path, not token checks. Results go to
 * {@code bench/results/replication-<timestamp>.md}. A benchmark, not a test: no build runs it.
 */
public final class ReplicationBenchmark {

  static final List<String> PROVIDERS = List.of("provider-a", "provider-b");
  static final String HEAP = "-Xmx1g";
  /** The ministry restarted under the full write load needs about 5 minutes on 2 cores (42 s idle). */
  private static final Duration START_UP = Duration.ofMinutes(10);
  private static final Duration CATCH_UP = Duration.ofMinutes(10);
  private static final Set<String> OPTIONS = Set.of("rate", "seconds", "down", "database", "root");
  private static final String USAGE = "usage: ReplicationBenchmark [--rate WRITES_PER_SECOND (50)] [--seconds S (200)]"
      + " [--down S (20)] [--database h2|postgres (h2)] [--root REPOSITORY (.)]";
  private static final List<String> DATABASES =
      List.of("sihha_bench_ministry", "sihha_bench_provider_a", "sihha_bench_provider_b");

  private final FhirContext fhir = FhirContext.forR4();
  private final Path root;
  private final int rate;
  private final int seconds;
  private final int down;
  private final boolean postgres;

  ReplicationBenchmark(Path root, int rate, int seconds, int down, boolean postgres) {
    this.root = root;
    this.rate = rate;
    this.seconds = seconds;
    this.down = down;
    this.postgres = postgres;
  }

  public static void main(String[] args) {
    CommandLineArgs.run(args, OPTIONS, USAGE, ReplicationBenchmark::from, ReplicationBenchmark::run);
  }

  private static ReplicationBenchmark from(CommandLineArgs options) {
    String database = options.get("database", "h2");
    if (!database.equals("h2") && !database.equals("postgres")) {
      throw new IllegalArgumentException("--database is h2 or postgres, not " + database);
    }
    return new ReplicationBenchmark(Path.of(options.get("root", ".")), options.positiveInt("rate", 50),
        options.positiveInt("seconds", 200), options.positiveInt("down", 20), database.equals("postgres"));
  }

  void run() {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path ministryJar = BuiltJars.built(BuiltJars.server(root, "fhir-ministry-server"));
    Path providerJar = BuiltJars.built(BuiltJars.server(root, "fhir-provider-server"));
    fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    fhir.getRestfulClientFactory().setSocketTimeout(120_000);
    int ministryPort = ServerProcess.freePort();
    List<Integer> providerPorts = List.of(ServerProcess.freePort(), ServerProcess.freePort());
    Path work = ServerProcess.createTempDir("sihha-bench-replication-");
    if (postgres) {
      PostgresDatabases.empty(DATABASES);
    }

    ServerProcess ministry = startMinistry(ministryJar, work, ministryPort, providerPorts);
    List<ServerProcess> providers = new ArrayList<>();
    try {
      for (int i = 0; i < PROVIDERS.size(); i++) {
        providers.add(startProvider(providerJar, work, i, providerPorts.get(i), ministryPort));
      }
      List<IGenericClient> providerClients = providers.stream().map(p -> client(p.fhirBase())).toList();
      LoadGenerator load = new LoadGenerator(PROVIDERS, providerClients, rate);
      load.prepare();
      System.out.printf(Locale.ROOT, "writing %d writes/s for %d s, ministry down for %d s halfway%n", rate, seconds,
          down);
      load.start();
      sleep(Duration.ofSeconds(seconds / 2));
      Instant restartFrom = Instant.now();
      ministry.close();
      sleep(Duration.ofSeconds(down));
      ministry = startMinistry(ministryJar, work, ministryPort, providerPorts);
      Instant restartUntil = Instant.now();
      sleep(Duration.ofSeconds(seconds - seconds / 2 - Duration.between(restartFrom, restartUntil).toSeconds()));
      List<Write> writes = load.stop();
      System.out.printf(Locale.ROOT, "%d writes done, waiting for the ministry to catch up%n", writes.size());

      IGenericClient national = client(ministry.fhirBase());
      OutboxBacklog backlog = new OutboxBacklog(providers.stream().map(ServerProcess::fhirBase).toList());
      Comparison comparison = Comparison.await(fhir, PROVIDERS, providerClients, national, backlog, CATCH_UP);
      Lags lags = Lags.of(writes, NationalVersions.read(fhir, national), restartFrom, restartUntil);
      ReplicationResults results = new ReplicationResults(started.toString(), Machine.current(),
          new ReplicationResults.Settings(rate, seconds, down, postgres ? "PostgreSQL" : "H2 file", HEAP),
          load.summary(), lags, comparison.summary(), restartFrom.toString(), restartUntil.toString());
      Path report = ReplicationReport.write(root.resolve("bench/results"), ResultsFile.stamp(started), results);
      System.out.print(ReplicationReport.table(results));
      System.out.println("Results: " + report);
    } finally {
      providers.forEach(ServerProcess::close);
      ministry.close();
    }
  }

  private ServerProcess startMinistry(Path jar, Path work, int port, List<Integer> providerPorts) {
    List<String> command = new ArrayList<>(java(jar, port, work.resolve("ministry")));
    for (int i = 0; i < PROVIDERS.size(); i++) {
      command.add("--sihha.ministry.providers[" + i + "].id=" + PROVIDERS.get(i));
      command.add("--sihha.ministry.providers[" + i + "].name=" + PROVIDERS.get(i));
      command.add("--sihha.ministry.providers[" + i + "].fhir-base=http://127.0.0.1:" + providerPorts.get(i) + "/fhir");
    }
    command.addAll(database("sihha_bench_ministry"));
    return ready(ServerProcess.start("ministry", command, directory(work.resolve("ministry")), port));
  }

  private ServerProcess startProvider(Path jar, Path work, int index, int port, int ministryPort) {
    String id = PROVIDERS.get(index);
    List<String> command = new ArrayList<>(java(jar, port, work.resolve(id)));
    command.addAll(List.of("--sihha.provider.id=" + id, "--sihha.provider.name=" + id,
        "--sihha.provider.ministry-ingest-url=http://127.0.0.1:" + ministryPort + "/ingest"));
    command.addAll(database("sihha_bench_" + id.replace('-', '_')));
    return ready(ServerProcess.start(id, command, directory(work.resolve(id)), port));
  }

  private static ServerProcess ready(ServerProcess process) {
    Duration took = process.awaitReady(START_UP);
    System.out.printf(Locale.ROOT, "%s ready in %.1f s (%s)%n", process.fhirBase(), took.toMillis() / 1e3,
        process.workDir());
    return process;
  }

  private static List<String> java(Path jar, int port, Path dir) {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-jar", jar.toString(),
        "--server.address=127.0.0.1", "--server.port=" + port, "--sihha.fhir.data-dir=" + dir.resolve("data"),
        "--sihha.security.enabled=false");
  }

  private List<String> database(String name) {
    return postgres
        ? List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + PostgresDatabases.url(name))
        : List.of();
  }

  private static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private IGenericClient client(String base) {
    return fhir.newRestfulGenericClient(base);
  }

  private static void sleep(Duration duration) {
    if (duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
