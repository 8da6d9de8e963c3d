package health.sihha.bench.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.sihha.bench.auth.BackendCredentials;
import health.sihha.bench.auth.BackendToken;
import health.sihha.bench.auth.BearerTokenInterceptor;
import health.sihha.bench.ingest.IngestResults.Ratio;
import health.sihha.bench.ingest.IngestResults.Settings;
import health.sihha.bench.run.Machine;
import health.sihha.bench.run.ResultsFile;
import health.sihha.bench.run.ServerProcess;
import health.sihha.bench.synthea.BundlePoster;
import health.sihha.bench.synthea.BundlePreparer;
import health.sihha.bench.synthea.CommandLineArgs;
import health.sihha.bench.synthea.LoadSummary;
import health.sihha.bench.synthea.PreparedBundle;
import health.sihha.bench.synthea.ProgressListener;
import health.sihha.bench.synthea.SyntheaFolder;
import health.sihha.bench.synthea.SyntheaLoader;
import jakarta.annotation.Nullable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.util.FileSystemUtils;

/**
 * Synthea ingest throughput of the Sihha provider server against a stock HAPI JPA server.
 *
 * <p>For each client count, each server in turn is started as a child JVM ({@code -Xmx1g}, a free loopback port, a
 * fresh temporary data folder), loaded with the hospital and practitioner bundles, warmed up with 2 patient bundles
 * that are not counted, then timed while posting the same N patient bundles, and stopped. Throughput is the
 * resources in the timed bundles over the wall time from the first request to the last response. Run from the
 * repository root after {@code mvn -B -q -DskipTests install}:
 *
 * <pre>
 * java -Dloader.main=health.sihha.bench.ingest.IngestBenchmark -jar bench/target/sihha-bench.jar \
 *     [--patients 20] [--clients 1,4] [--dir ../shared/data/synthea-r4] [--root .] \
 *     [--keycloak-url http://127.0.0.1:8180] [--key keycloak/realm/sihha-backend.demo-key.pem]
 * </pre>
 *
 * <p>The provider runs with security on, as in production: it takes tokens of realm {@code sihha} of the running
 * Keycloak at {@code --keycloak-url} (the demo's, by default: start it with {@code ./demo.sh}), and the bundles are
 * sent with SMART Backend Services tokens of client {@code sihha-backend} ({@link BackendCredentials}). The stock
 * server takes no token.
 *
 * <p>Results go to {@code bench/results/ingest-<timestamp>.md}. A benchmark, not a test: no build runs it.
 */
public final class IngestBenchmark {

  static final int WARM_UP_BUNDLES = 2;
  static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);

  private static final String DEMO_KEYCLOAK = "http://127.0.0.1:8180";
  private static final Set<String> OPTIONS = Stream.concat(
      Stream.of("patients", "clients", "dir", "root", "keycloak-url"),
      BackendCredentials.OPTIONS.stream().filter(option -> !option.equals("token-endpoint")))
      .collect(Collectors.toUnmodifiableSet());
  private static final String USAGE = "usage: IngestBenchmark [--patients N (20)] [--clients C[,C...] (1,4)]"
      + " [--dir SYNTHEA_FOLDER (../shared/data/synthea-r4)] [--root REPOSITORY (.)]"
      + " [--keycloak-url URL (" + DEMO_KEYCLOAK + ")] [--client-id ID] [--key PEM] [--key-id KID] [--scope SCOPE]";

  private final FhirContext fhir = FhirContext.forR4();
  private final Path root;
  private final Path data;
  private final int patients;
  private final List<Integer> clientCounts;
  private final String issuer;
  private final BackendCredentials credentials;

  IngestBenchmark(Path root, Path data, int patients, List<Integer> clientCounts, String issuer,
      BackendCredentials credentials) {
    this.root = root;
    this.data = data;
    this.patients = patients;
    this.clientCounts = List.copyOf(clientCounts);
    this.issuer = issuer;
    this.credentials = credentials;
  }

  public static void main(String[] args) {
    CommandLineArgs.run(args, OPTIONS, USAGE, IngestBenchmark::from, IngestBenchmark::run);
  }

  private static IngestBenchmark from(CommandLineArgs options) {
    String issuer = options.get("keycloak-url", DEMO_KEYCLOAK).replaceAll("/+$", "") + "/realms/sihha";
    return new IngestBenchmark(Path.of(options.get("root", ".")),
        Path.of(options.get("dir", "../shared/data/synthea-r4")), options.positiveInt("patients", 20),
        options.positiveInts("clients", List.of(1, 4)), issuer,
        BackendCredentials.from(options, BackendCredentials.tokenEndpointOf(issuer)).orElseThrow());
  }

  void run() {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (ServerUnderTest server : ServerUnderTest.values()) {
      if (!Files.isRegularFile(server.jar(root))) {
        throw new IllegalStateException(server.jar(root) + " not found: build first (mvn -B -q -DskipTests install)");
      }
    }
    BackendToken token = BackendToken.of(credentials);
    token.get(); // fails now, not after the first server started, when Keycloak is not running
    SyntheaFolder folder = SyntheaFolder.scan(data);
    if (folder.patientBundles().size() < patients + WARM_UP_BUNDLES) {
      throw new IllegalArgumentException(data + " has " + folder.patientBundles().size()
          + " patient bundles; " + patients + " timed and " + WARM_UP_BUNDLES + " warm-up ones are needed");
    }
    BundlePreparer preparer = new BundlePreparer(fhir);
    Workload workload = new Workload(
        preparer.prepareAll(folder.sharedBundles()),
        preparer.prepareAll(folder.patientBundles().subList(patients, patients + WARM_UP_BUNDLES)),
        preparer.prepareAll(folder.firstPatients(patients)));

    List<IngestRun> runs = new ArrayList<>();
    List<Ratio> ratios = new ArrayList<>();
    for (int clients : clientCounts) {
      IngestRun provider = measure(ServerUnderTest.PROVIDER, clients, workload, token);
      IngestRun stock = measure(ServerUnderTest.STOCK, clients, workload, null);
      runs.add(provider);
      runs.add(stock);
      ratios.add(Ratio.of(clients, provider, stock));
    }

    IngestResults results = new IngestResults(started.toString(), Machine.current(),
        new Settings(data.toString(), patients, WARM_UP_BUNDLES, clientCounts, "H2 file", ServerUnderTest.HEAP),
        runs, ratios, notes());
    Path report = IngestReport.write(root.resolve("bench/results"), ResultsFile.stamp(started), results);
    System.out.println();
    System.out.print(IngestReport.ratioTable(results));
    System.out.println("Results: " + report);
  }

  /** The bundles posted to every server: shared ones first, then the warm-up, then the timed ones. */
  private record Workload(List<PreparedBundle> shared, List<PreparedBundle> warmUp, List<PreparedBundle> timed) {}

  /** Starts the server, loads the shared and warm-up bundles, times the rest, and stops the server. */
  private IngestRun measure(ServerUnderTest server, int clients, Workload workload, @Nullable BackendToken token) {
    IngestRun run;
    ServerProcess process = server.start(root, issuer);
    System.out.printf(Locale.ROOT, "%s, %d client(s): starting, data and log in %s%n",
        server.label(), clients, process.workDir());
    try (process) {
      double startup = process.awaitReady(STARTUP_TIMEOUT).toMillis() / 1e3;
      SyntheaLoader loader = new SyntheaLoader(new BundlePoster(fhir, process.fhirBase(), token));
      loader.post(workload.shared(), 1, ProgressListener.SILENT);
      loader.post(workload.warmUp(), clients, ProgressListener.SILENT);
      int subscriptions = countSubscriptions(process.fhirBase(), token);
      double loadBefore = Machine.loadAverage();
      LoadSummary timed = loader.post(workload.timed(), clients, (done, total, bundle, took) ->
          System.out.printf(Locale.ROOT, "  %s [%d/%d] %s: %d resources in %.1f s%n",
              server.label(), done, total, bundle.name(), bundle.resources(), took.toMillis() / 1e3));
      run = IngestRun.of(server, clients, timed, startup, subscriptions, loadBefore, Machine.loadAverage());
    } catch (RuntimeException e) {
      throw new IllegalStateException(server.label() + " with " + clients + " client(s) failed (data and log kept"
          + " in " + process.workDir() + "): " + e.getMessage(), e);
    }
    FileSystemUtils.deleteRecursively(process.workDir().toFile());
    System.out.printf(Locale.ROOT, "%s, %d client(s): %d resources in %.1f s = %.0f resources/s%n",
        server.label(), clients, run.resources(), run.seconds(), run.resourcesPerSecond());
    return run;
  }

  private int countSubscriptions(String base, @Nullable BackendToken token) {
    IGenericClient client = fhir.newRestfulGenericClient(base);
    if (token != null) {
      client.registerInterceptor(new BearerTokenInterceptor(token));
    }
    return client.search().forResource("Subscription").summaryMode(SummaryEnum.COUNT)
        .returnBundle(Bundle.class).execute().getTotal();
  }

  private static List<String> notes() {
    return List.of(
        "The provider runs with security on (SMART tokens checked on every request, the clinical roles on every"
            + " write); the loader sends SMART Backend Services tokens of `sihha-backend` with system/*.cruds.",
        "The provider runs as built, with its own defaults: its subscription matcher is on and its rest-hook"
            + " Subscriptions (counted in the table) point at a ministry ingest URL on an unused port, so every"
            + " matching write queues a delivery that fails and is retried in the background during the load.",
        "Stock HAPI: `new JpaStorageSettings()`, no subscription types, no interceptors, Hibernate Search off"
            + " (as in HAPI's JPA server starter); same H2 settings and connection pool as the Sihha servers.",
        "resources/s = entries of the timed bundles / wall seconds from the first request to the last response;"
            + " the loader runs in the benchmark's JVM on the same machine, so the client's CPU is counted against"
            + " both servers alike.",
        "Nothing was tuned for the benchmark; the load average columns show how busy the machine was around"
            + " each timed load.");
  }
}
