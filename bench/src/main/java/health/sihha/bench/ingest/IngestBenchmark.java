package health.sihha.bench.ingest;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.bench.auth.BackendCredentials;
import health.sihha.bench.auth.BackendToken;
import health.sihha.bench.ingest.IngestResults.Settings;
import health.sihha.bench.run.BuiltJars;
import health.sihha.bench.run.Machine;
import health.sihha.bench.run.PostgresDatabases;
import health.sihha.bench.run.ResultsFile;
import health.sihha.bench.synthea.BundlePreparer;
import health.sihha.bench.synthea.CommandLineArgs;
import health.sihha.bench.synthea.SyntheaFolder;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Synthea ingest throughput of the Sihha provider against stock HAPI JPA, in one run: for each database and client
 * count, each {@link Variant} (stock HAPI with and without HAPI's validation, the provider with validation off, with
 * the ledger off and with everything on) on freshly started servers, then the targets ({@link Targets}) from
 * those figures. Run from the repository root after building the jars:
 *
 * <pre>
 * java -Dloader.main=health.sihha.bench.ingest.IngestBenchmark -jar bench/target/sihha-bench.jar \
 *     [--patients 20] [--clients 1,4] [--databases h2,postgres] [--variants stock,...,all-on] [--rounds 1] \
 *     [--jfr false] \
 *     [--dir ../shared/data/synthea-r4] [--root .] [--keycloak-url http://127.0.0.1:8180] \
 *     [--key keycloak/realm/sihha-backend.demo-key.pem]
 * </pre>
 *
 * <p>The provider and the ministry take tokens of realm {@code sihha} of the running Keycloak at
 * {@code --keycloak-url} (the demo's, by default); the bundles are sent with SMART Backend Services tokens of client
 * {@code sihha-backend} ({@link BackendCredentials}). PostgreSQL loads need the databases of {@link Database#POSTGRES}.
 *
 * <p>Results go to {@code bench/results/ingest-<timestamp>.md}, flight recordings to
 * {@code bench/results/ingest-<timestamp>/}. A benchmark, not a test: no build runs it.
 */
public final class IngestBenchmark {

  static final int WARM_UP_BUNDLES = 2;

  private static final String DEMO_KEYCLOAK = "http://127.0.0.1:8180";
  private static final Set<String> OPTIONS = Stream.concat(
      Stream.of("patients", "clients", "databases", "variants", "rounds", "jfr", "dir", "root", "keycloak-url"),
      BackendCredentials.OPTIONS.stream().filter(option -> !option.equals("token-endpoint")))
      .collect(Collectors.toUnmodifiableSet());
  private static final String USAGE = "usage: IngestBenchmark [--patients N (20)] [--clients C[,C...] (1,4)]"
      + " [--databases h2,postgres (both)] [--variants " + Variant.optionList() + " (all)] [--rounds N (1)]"
      + " [--jfr true|false (false)] [--dir SYNTHEA_FOLDER (../shared/data/synthea-r4)] [--root REPOSITORY (.)]"
      + " [--keycloak-url URL (" + DEMO_KEYCLOAK + ")] [--client-id ID] [--key PEM] [--key-id KID] [--scope SCOPE]";

  private final FhirContext fhir = FhirContext.forR4();
  private final Path root;
  private final Path data;
  private final int patients;
  private final List<Integer> clientCounts;
  private final List<Database> databases;
  private final List<Variant> variants;
  private final int rounds;
  private final boolean flightRecording;
  private final String issuer;
  private final BackendCredentials credentials;

  IngestBenchmark(Path root, Path data, int patients, List<Integer> clientCounts, List<Database> databases,
      List<Variant> variants, int rounds, boolean flightRecording, String issuer, BackendCredentials credentials) {
    this.root = root;
    this.data = data;
    this.patients = patients;
    this.clientCounts = List.copyOf(clientCounts);
    this.databases = List.copyOf(databases);
    this.variants = List.copyOf(variants);
    this.rounds = rounds;
    this.flightRecording = flightRecording;
    this.issuer = issuer;
    this.credentials = credentials;
  }

  public static void main(String[] args) {
    CommandLineArgs.run(args, OPTIONS, USAGE, IngestBenchmark::from, IngestBenchmark::run);
  }

  private static IngestBenchmark from(CommandLineArgs options) {
    String issuer = options.get("keycloak-url", DEMO_KEYCLOAK).replaceAll("/+$", "") + "/realms/sihha";
    // absolute, so that the servers' command lines and the report name the jars and recordings wherever they run
    return new IngestBenchmark(Path.of(options.get("root", ".")).toAbsolutePath().normalize(),
        Path.of(options.get("dir", "../shared/data/synthea-r4")), options.positiveInt("patients", 20),
        options.positiveInts("clients", List.of(1, 4)), Database.parse(options.get("databases", "h2,postgres")),
        Variant.parse(options.get("variants", Variant.optionList())), options.positiveInt("rounds", 1),
        flag(options, "jfr"), issuer,
        BackendCredentials.from(options, BackendCredentials.tokenEndpointOf(issuer)).orElseThrow());
  }

  private static boolean flag(CommandLineArgs options, String name) {
    String value = options.get(name, "false");
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("--" + name + " is true or false, not " + value);
    }
    return Boolean.parseBoolean(value);
  }

  void run() {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String stamp = ResultsFile.stamp(started);
    Path results = root.resolve("bench/results");
    checkJars();
    if (databases.contains(Database.POSTGRES)) {
      // fails now, not after an hour of H2 loads, when a database is missing
      PostgresDatabases.empty(Database.SERVERS.stream().map(Database::postgresName).toList());
    }
    @Nullable BackendToken token = null;
    if (variants.stream().anyMatch(Variant::provider)) {
      token = BackendToken.of(credentials);
      token.get(); // fails now, not after the first server started, when Keycloak is not running
    }
    LoadRunner runner = new LoadRunner(fhir, new IngestCommands(java(), root, issuer), workload(), token,
        flightRecording ? directory(results.resolve("ingest-" + stamp)) : null);

    List<IngestRun> runs = new ArrayList<>();
    // round by round, so that a slower spell of the machine falls on every variant rather than on one
    for (int round = 1; round <= rounds; round++) {
      for (Database database : databases) {
        for (int clients : clientCounts) {
          for (Variant variant : variants) {
            runs.add(runner.measure(database, variant, clients, round));
          }
        }
      }
    }

    IngestResults outcome = new IngestResults(started.toString(), Machine.current(),
        new Settings(data.toString(), patients, WARM_UP_BUNDLES, clientCounts, databases, rounds, variants,
            IngestCommands.HEAP, flightRecording),
        runs, Targets.check(runs, databases, clientCounts), IngestNotes.of(issuer));
    Path report = IngestReport.write(results, stamp, outcome);
    System.out.println();
    System.out.print(IngestReport.throughputTables(outcome));
    System.out.print(IngestReport.targetTable(outcome));
    System.out.println("Results: " + report);
  }

  /** The bundles every load posts: shared ones first, then the warm-up, then the timed ones. */
  private Workload workload() {
    SyntheaFolder folder = SyntheaFolder.scan(data);
    if (folder.patientBundles().size() < patients + WARM_UP_BUNDLES) {
      throw new IllegalArgumentException(data + " has " + folder.patientBundles().size()
          + " patient bundles; " + patients + " timed and " + WARM_UP_BUNDLES + " warm-up ones are needed");
    }
    BundlePreparer preparer = new BundlePreparer(fhir);
    return new Workload(
        preparer.prepareAll(folder.sharedBundles()),
        preparer.prepareAll(folder.patientBundles().subList(patients, patients + WARM_UP_BUNDLES)),
        preparer.prepareAll(folder.firstPatients(patients)));
  }

  private void checkJars() {
    if (variants.stream().anyMatch(v -> !v.provider())) {
      BuiltJars.built(BuiltJars.bench(root));
    }
    if (variants.stream().anyMatch(Variant::provider)) {
      BuiltJars.built(BuiltJars.server(root, "fhir-provider-server"));
    }
    if (variants.stream().anyMatch(Variant::liveMinistry)) {
      BuiltJars.built(BuiltJars.server(root, "fhir-ministry-server"));
    }
  }

  private static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
