package health.sihha.bench.terminology;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.bench.auth.BackendCredentials;
import health.sihha.bench.auth.BackendToken;
import health.sihha.bench.run.Machine;
import health.sihha.bench.run.ResultsFile;
import health.sihha.bench.run.ServerProcess;
import health.sihha.bench.synthea.CommandLineArgs;
import health.sihha.bench.terminology.TerminologyResults.Ratio;
import health.sihha.bench.terminology.TerminologyResults.ServerRun;
import health.sihha.bench.terminology.TerminologyResults.Settings;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * Autocomplete {@code $expand}, {@code $lookup} and {@code $validate-code} on ICD-10-CM over HTTP, the Sihha
 * terminology server against stock HAPI JPA, one server at a time, the same requests from the same client.
 *
 * <p>Each server is started as a child JVM ({@code -Xmx1g}, free loopback port, fresh data folder) unless its base
 * URL is given, brought to the measured state ({@link TerminologySetup}), then every prefix is expanded once, timed
 * (the first request per prefix, before any cache holds it), then each operation gets one untimed pass over its
 * requests and a timed window with N client threads. Run from the repository root after building:
 *
 * <pre>
 * java -Dloader.main=health.sihha.bench.terminology.TerminologyBenchmark -jar bench/target/sihha-bench.jar \
 *     [--servers ours,stock] [--ours URL] [--stock URL] [--clients 4] [--seconds 30] [--root .]
 * </pre>
 *
 * <p>Results go to {@code bench/results/terminology-<timestamp>.md}. A benchmark, not a test: no build runs it.
 */
public final class TerminologyBenchmark {

  static final String PREFIXES = "/terminology/icd10cm-prefixes.txt";
  static final List<String> TYPING = List.of("d", "di", "dia", "diab", "diab m", "diab mel", "diabetes mel", "h",
      "hyp", "hypert", "hypertension", "E1", "E11", "E11.9", "I10", "J45.9", "S72");
  static final long SEED = 20210101L;
  static final int INVALID_CODES = 100;
  static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(10);
  static final Duration SETUP_TIMEOUT = Duration.ofMinutes(45);

  private static final String DEMO_KEYCLOAK = "http://127.0.0.1:8180";
  private static final Set<String> OPTIONS = Stream.concat(
      Stream.of("servers", "ours", "stock", "clients", "seconds", "typing-requests", "codes", "root", "seed-dir",
          "keycloak-url"),
      BackendCredentials.OPTIONS.stream().filter(option -> !option.equals("token-endpoint")))
      .collect(Collectors.toUnmodifiableSet());
  private static final String USAGE = "usage: TerminologyBenchmark [--servers ours,stock] [--ours FHIR_BASE]"
      + " [--stock FHIR_BASE] [--clients 4] [--seconds 30] [--typing-requests 40] [--codes 2000] [--root .]"
      + " [--seed-dir ROOT/../shared/data/terminology] [--keycloak-url URL (" + DEMO_KEYCLOAK + ")]"
      + " [--client-id ID] [--key PEM] [--key-id KID] [--scope SCOPE]";

  /** What to run, from the command line. */
  private record Request(Path root, Path seedDir, List<TerminologyServer> servers, String oursBase,
      String stockBase, int clients, int seconds, int typingRequests, int codes, String issuer,
      BackendCredentials credentials) {}

  private final FhirContext fhir = FhirContext.forR4();
  private final Request request;

  private TerminologyBenchmark(Request request) {
    this.request = request;
  }

  public static void main(String[] args) {
    CommandLineArgs.run(args, OPTIONS, USAGE, TerminologyBenchmark::from, r -> new TerminologyBenchmark(r).run());
  }

  private static Request from(CommandLineArgs options) {
    Path root = Path.of(options.get("root", "."));
    String issuer = options.get("keycloak-url", DEMO_KEYCLOAK).replaceAll("/+$", "") + "/realms/sihha";
    List<TerminologyServer> servers = Arrays.stream(options.get("servers", "ours,stock").split(","))
        .map(name -> switch (name.trim()) {
          case "ours" -> TerminologyServer.OURS;
          case "stock" -> TerminologyServer.STOCK;
          default -> throw new IllegalArgumentException("--servers takes ours and/or stock, not " + name);
        }).distinct().toList();
    return new Request(root, Path.of(options.get("seed-dir", root.resolve("../shared/data/terminology").toString())),
        servers, options.get("ours", null), options.get("stock", null), options.positiveInt("clients", 4),
        options.positiveInt("seconds", 30), options.positiveInt("typing-requests", 40),
        options.positiveInt("codes", 2000), issuer,
        BackendCredentials.from(options, BackendCredentials.tokenEndpointOf(issuer)).orElseThrow());
  }

  void run() {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path csv = request.seedDir().resolve("icd10cm/icd10cm_2021_codes.csv");
    List<Icd10CmCode> table = Icd10CmCode.read(csv);
    List<String> prefixes = prefixes();
    Workload workload = Workload.of(table, prefixes, request.codes(), new Random(SEED));

    @Nullable BackendToken token = null;
    if (request.servers().contains(TerminologyServer.OURS)) {
      token = BackendToken.of(request.credentials());
      token.get(); // fails now, not after the first server started, when Keycloak is not running
    }
    List<ServerRun> runs = new ArrayList<>();
    for (TerminologyServer server : request.servers()) {
      String given = server == TerminologyServer.OURS ? request.oursBase() : request.stockBase();
      Supplier<String> bearer = server == TerminologyServer.OURS ? token::get : null;
      runs.add(given != null ? measure(server, given, bearer, null, table, workload)
          : startAndMeasure(server, bearer, table, workload));
    }
    List<Ratio> ratios = new ArrayList<>();
    if (runs.size() == 2) {
      for (int i = 0; i < runs.get(0).operations().size(); i++) {
        ratios.add(Ratio.of(runs.get(0).operations().get(i), runs.get(1).operations().get(i)));
      }
    }
    Settings settings = new Settings(csv.toString(), table.size(), prefixes.size(), TYPING, request.typingRequests(),
        request.codes(), INVALID_CODES, request.clients(), request.seconds(), TerminologyServer.HEAP,
        stockSettings());
    TerminologyResults results = new TerminologyResults(started.toString(), Machine.current(), settings, runs,
        ratios, notes());
    Path report = TerminologyReport.write(request.root().resolve("bench/results"), ResultsFile.stamp(started),
        results);
    System.out.println();
    System.out.print(TerminologyReport.operationTable(results));
    System.out.println("Results: " + report);
  }

  /** The requests of each operation, the same for every server. */
  private record Workload(List<Probe> expand, List<List<Probe>> typing, List<Probe> lookup,
      List<Probe> validateInCodeSystem, List<Probe> validateInValueSet) {

    static Workload of(List<Icd10CmCode> table, List<String> prefixes, int sampleSize, Random random) {
      List<Icd10CmCode> sample = new ArrayList<>(table);
      Collections.shuffle(sample, random);
      List<String> valid = sample.subList(0, Math.min(sampleSize, sample.size())).stream().map(Icd10CmCode::code)
          .toList();
      Set<String> all = Icd10CmCode.codes(table);
      List<String> invalid = new ArrayList<>();
      for (int i = 0; invalid.size() < INVALID_CODES; i++) {
        String code = sample.get(sampleSize + i).code().replace(".", "");
        String made = code.substring(0, 3) + "." + (code.length() > 3 ? code.substring(3) : "") + "Q";
        if (!all.contains(made)) {
          invalid.add(made);
        }
      }
      return new Workload(prefixes.stream().map(Probe::expand).toList(),
          TYPING.stream().map(prefix -> List.of(Probe.expand(prefix))).toList(),
          codes(valid, invalid, Probe::lookup, random), codes(valid, invalid, Probe::validateInCodeSystem, random),
          codes(valid, invalid, Probe::validateInValueSet, random));
    }

    private static List<Probe> codes(List<String> valid, List<String> invalid,
        BiFunction<String, Boolean, Probe> probe, Random random) {
      List<Probe> probes = new ArrayList<>();
      valid.forEach(code -> probes.add(probe.apply(code, true)));
      invalid.forEach(code -> probes.add(probe.apply(code, false)));
      Collections.shuffle(probes, random);
      return List.copyOf(probes);
    }
  }

  private ServerRun startAndMeasure(TerminologyServer server, @Nullable Supplier<String> token,
      List<Icd10CmCode> table, Workload workload) {
    if (!Files.isRegularFile(server.jar(request.root()))) {
      throw new IllegalStateException(server.jar(request.root()) + " not found: build it first, or give its base"
          + " URL (--" + (server == TerminologyServer.OURS ? "ours" : "stock") + ")");
    }
    ServerProcess process = server.start(request.root(), request.seedDir(), request.issuer());
    System.out.printf(Locale.ROOT, "%s: starting, data and log in %s%n", server.label(), process.workDir());
    ServerRun run;
    try (process) {
      double startup = process.awaitReady(STARTUP_TIMEOUT).toMillis() / 1e3;
      System.out.printf(Locale.ROOT, "%s: ready after %.0f s%n", server.label(), startup);
      ServerRun measured = measure(server, process.fhirBase(), token, startup, table, workload);
      run = process.residentMemory().map(memory -> measured.withPeakResidentMegabytes(memory.peakMegabytes()))
          .orElse(measured);
    } catch (RuntimeException e) {
      throw new IllegalStateException(server.label() + " failed (data and log kept in " + process.workDir() + "): "
          + e.getMessage(), e);
    }
    FileSystemUtils.deleteRecursively(process.workDir().toFile());
    return run;
  }

  private ServerRun measure(TerminologyServer server, String base, @Nullable Supplier<String> token,
      @Nullable Double startup, List<Icd10CmCode> table, Workload workload) {
    FhirHttp http = new FhirHttp(base, token);
    TerminologySetup.Timings setup = new TerminologySetup(fhir, http, table)
        .prepare(server.needsUpload(), SETUP_TIMEOUT);
    System.out.printf(Locale.ROOT, "%s: fully expandable after %.0f s (%s)%n", server.label(),
        setup.expandableSeconds(), setup.expansionMessage());
    LoadDriver driver = new LoadDriver(http, request.clients());
    Duration window = Duration.ofSeconds(request.seconds());
    double loadBefore = Machine.loadAverage();
    List<Latencies> operations = new ArrayList<>();
    // The first request for each prefix, before any cache of either server has seen it: what a user typing a new
    // prefix waits for. The HTTP path and the JIT are warmed with $lookup first, which caches no expansion.
    driver.warmUp(workload.lookup());
    Latencies firstTime = driver.runCount("$expand, first request per prefix", workload.expand(),
        workload.expand().size());
    print(server, firstTime);
    operations.add(firstTime);
    for (List<Probe> probes : List.of(workload.expand(), workload.lookup(), workload.validateInCodeSystem(),
        workload.validateInValueSet())) {
      String operation = probes.get(0).operation();
      driver.warmUp(probes);
      Latencies measured = driver.runFor(operation, probes, window);
      print(server, measured);
      operations.add(measured);
    }
    List<Latencies> typing = new ArrayList<>();
    for (int i = 0; i < TYPING.size(); i++) {
      typing.add(driver.runCount(TYPING.get(i), workload.typing().get(i), request.typingRequests()));
    }
    return new ServerRun(server.label(), base, startup != null, startup, setup, loadBefore, Machine.loadAverage(),
        operations, typing, null);
  }

  private static void print(TerminologyServer server, Latencies op) {
    System.out.printf(Locale.ROOT, "  %s %s: %d requests, %d errors, %d wrong, %.0f req/s, p50 %.1f ms, p95 %.1f ms,"
            + " p99 %.1f ms%n", server.label(), op.operation(), op.requests(), op.errors(), op.wrongAnswers(),
        op.requestsPerSecond(), op.p50Ms(), op.p95Ms(), op.p99Ms());
  }

  private static List<String> prefixes() {
    try (InputStream in = TerminologyBenchmark.class.getResourceAsStream(PREFIXES)) {
      if (in == null) {
        throw new IllegalStateException(PREFIXES + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + PREFIXES, e);
    }
  }

  private static List<String> stockSettings() {
    return List.of(
        "Spring profile `" + TerminologyServer.STOCK_PROFILE + "` of `stock-hapi.yaml`:"
            + " `hibernate.search.enabled: true` with the Lucene local-filesystem backend of"
            + " `sihha-fhir-defaults.yaml` (HAPI's full-text `$expand` path; the ingest baseline keeps it off)",
        "`stock-hapi.storage.maximum-expansion-size: 200000` → `JpaStorageSettings.setMaximumExpansionSize`"
            + " (HAPI default 1,000 refuses the 95k-code ValueSet with HAPI-0831)",
        "`stock-hapi.storage.pre-expand-value-sets: true` → `setPreExpandValueSets` (HAPI's default, set explicitly)",
        "`deferIndexingForCodesystemsOfSize` left at HAPI's default (100): the upload stores the rest of the concepts"
            + " through HAPI's deferred storage queue (a scheduled job every 5 s)",
        "HAPI's `ValueSetOperationProvider` ($expand, $validate-code) and `TerminologyUploaderProvider`"
            + " registered on the stock `RestfulServer`, as HAPI's JPA server starter does",
        "ICD-10-CM uploaded with `POST CodeSystem/$upload-external-code-system` (system"
            + " `http://hl7.org/fhir/sid/icd-10-cm`, HAPI's ICD-10-CM loader): the CSV rewritten as CDC tabular XML,"
            + " zipped, hierarchy from the code structure",
        "ValueSet `bench-icd10cm-all` PUT as soon as the upload answers; HAPI pre-expands it in its scheduled job"
            + " (every 10 minutes from start-up, skipped while deferred storage is busy), so 'fully expandable'"
            + " includes waiting for that job");
  }

  private static List<String> notes() {
    return List.of(
        "Latency is measured in the client from sending a request to having read the whole response body;"
            + " req/s = requests in the timed window / its wall seconds.",
        "errors = transport failures and unexpected statuses (200 expected, a 4xx for `$lookup` of a code that does"
            + " not exist); wrong = `$validate-code` results contradicting the table; no match = `$expand` answers"
            + " without `contains`.",
        "HAPI's `filter` on a pre-expanded ValueSet matches the display (a word or phrase starting with the filter),"
            + " not the code, so code prefixes find nothing there: see the no-match column.",
        "Stock HAPI's validation support chain caches `$lookup` and `$validate-code` answers in memory; the"
            + " untimed pass over the codes fills that cache before the timed window, as it would fill in use.",
        "The client runs in the benchmark's JVM on the same machine as the server; its CPU time is in the"
            + " client CPU column.",
        "Any other load on the machine shows in the figures; see the load average columns.");
  }
}
