package health.sihha.bench.cpabe;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.bench.cpabe.MinistryServer.Launch;
import health.sihha.bench.cpabe.MinistryServer.Read;
import health.sihha.bench.cpabe.SealedResults.Data;
import health.sihha.bench.cpabe.SealedResults.Ingest;
import health.sihha.bench.cpabe.SealedResults.ModeRun;
import health.sihha.bench.cpabe.SealedResults.Reads;
import health.sihha.bench.cpabe.SealedResults.Settings;
import health.sihha.bench.run.Machine;
import health.sihha.bench.run.ResultsFile;
import health.sihha.bench.run.ServerProcess;
import health.sihha.bench.synthea.CommandLineArgs;
import health.sihha.bench.synthea.SyntheaFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.util.FileSystemUtils;

/**
 * CP-ABE sealing at the ministry, measured end to end: the same Synthea records delivered to a ministry that seals
 * (the default) and to one that does not ({@code --sihha.ministry.cpabe.sealing.enabled=false}), then the same
 * patient's {@code $everything} read from each.
 *
 * <p>For each mode in turn (sealed first in odd rounds, unsealed first in even ones), from a fresh data folder: the
 * ministry jar is started ({@code -Xmx1g}, security off, one registered provider whose FHIR base nothing listens on);
 * the records are posted to {@code /ingest/<provider>} as the provider's dispatcher sends them (notification bundles
 * of at most 100 events, one at a time), timed; the patient's {@code $everything} is read once (cold: the first
 * read after the ingest) and then {@code --warm-reads} times (warm); the ministry is stopped and started again on
 * the same data, another patient's {@code $everything} is read (the first request after the restart) and then the
 * patient's (its data keys not cached: the cache of opened data keys lives in the process). Then the sealed and
 * unsealed answers are compared resource by resource: the benchmark fails unless the sealed one holds the same
 * resources with the same clear content. Run from the repository root after building the ministry and the bench:
 *
 * <pre>
 * java -Dloader.main=health.sihha.bench.cpabe.SealedNationalBenchmark -jar bench/target/sihha-bench.jar \
 *     [--resources 200] [--bundles 3] [--warm-reads 20] [--rounds 1] [--jfr false] [--keep false] \
 *     [--dir ROOT/../shared/data/synthea-r4] [--root .]
 * </pre>
 *
 * <p>Results go to {@code bench/results/sealed-<timestamp>.md}. A benchmark, not a test: no build runs it.
 */
public final class SealedNationalBenchmark {

  static final String HEAP = "-Xmx1g";
  static final int EVENTS_PER_NOTIFICATION = 100;
  private static final Duration START_UP = Duration.ofMinutes(10);
  private static final Set<String> OPTIONS =
      Set.of("resources", "bundles", "warm-reads", "rounds", "jfr", "keep", "dir", "root");
  private static final String USAGE = "usage: SealedNationalBenchmark [--resources N (200)] [--bundles 1-3 (3)]"
      + " [--warm-reads N (20)] [--rounds N (1)] [--jfr true|false (false)] [--keep true|false (false)]"
      + " [--dir SYNTHEA_FOLDER (ROOT/../shared/data/synthea-r4)] [--root REPOSITORY (.)]";

  private final FhirContext fhir = FhirContext.forR4();
  private final Path root;
  private final Path dir;
  private final int resources;
  private final int bundles;
  private final int warmReads;
  private final int rounds;
  private final boolean jfr;
  private final boolean keep;

  SealedNationalBenchmark(Path root, Path dir, int resources, int bundles, int warmReads, int rounds, boolean jfr,
      boolean keep) {
    this.root = root;
    this.dir = dir;
    this.resources = resources;
    this.bundles = bundles;
    this.warmReads = warmReads;
    this.rounds = rounds;
    this.jfr = jfr;
    this.keep = keep;
  }

  public static void main(String[] args) {
    CommandLineArgs.run(args, OPTIONS, USAGE, SealedNationalBenchmark::from, SealedNationalBenchmark::run);
  }

  private static SealedNationalBenchmark from(CommandLineArgs options) {
    Path root = Path.of(options.get("root", "."));
    int bundles = options.positiveInt("bundles", 3);
    if (bundles > 3) {
      throw new IllegalArgumentException("--bundles is 1 to 3, not " + bundles);
    }
    return new SealedNationalBenchmark(root, Path.of(options.get("dir", defaultDir(root).toString())),
        options.positiveInt("resources", 200), bundles, options.positiveInt("warm-reads", 20),
        options.positiveInt("rounds", 1), flag(options, "jfr"), flag(options, "keep"));
  }

  /** {@code ../shared/data/synthea-r4} beside the repository, or {@code /work/shared/data/synthea-r4}. */
  private static Path defaultDir(Path root) {
    Path beside = root.toAbsolutePath().normalize().resolve("../shared/data/synthea-r4");
    return Files.isDirectory(beside) ? beside : Path.of("/work/shared/data/synthea-r4");
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
    Path jar = root.resolve("fhir-ministry-server/target/fhir-ministry-server-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " not found: build first (mvn -B -q package -DskipTests -pl"
          + " bench,fhir-ministry-server -am)");
    }
    ProviderRecords records = ProviderRecords.load(fhir, SyntheaFolder.scan(dir), resources, bundles, started);
    // the registered provider's base: nothing listens there, so the ministry's gap repair finds no provider
    String providerBase = "http://127.0.0.1:" + ServerProcess.freePort() + "/fhir";
    List<String> notifications =
        new NotificationFeed(fhir, providerBase).encode(records.resources(), EVENTS_PER_NOTIFICATION, started);
    Data data = new Data(dir.toString(), bundleNames(records), ContentCheck.national("Patient/"
        + records.patient().patientId()), records.patient().resources().size(), otherPatient(records),
        records.resources().size(), records.byType(), notifications.size());
    System.out.printf(Locale.ROOT, "delivering %d resources of %s in %d notifications; reading %s (%d resources)%n",
        data.delivered(), data.bundles(), data.notifications(), data.patient(), data.patientResources());

    Launch launch = new Launch(jar, HEAP, providerBase, jfr, START_UP);
    Path work = ServerProcess.createTempDir("sihha-bench-sealed-");
    List<ModeRun> runs = new ArrayList<>();
    List<ContentCheck> checks = new ArrayList<>();
    try {
      for (int round = 1; round <= rounds; round++) {
        List<Boolean> order = round % 2 == 1 ? List.of(true, false) : List.of(false, true);
        Map<Boolean, Measured> measured = new HashMap<>();
        for (boolean sealing : order) {
          Path runDir = work.resolve("round-" + round + "-" + mode(sealing));
          Measured m = measure(launch, round, sealing, records, notifications, data, runDir);
          measured.put(sealing, m);
          runs.add(m.run());
        }
        ContentCheck check = ContentCheck.of(fhir, records, measured.get(true).pages(), measured.get(false).pages());
        checks.add(check);
        System.out.printf(Locale.ROOT, "round %d content check: %s%n", round, check.passed() ? "passed" : check);
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException(e.getMessage() + " (data and logs kept in " + work + ")", e);
    }

    SealedResults results = new SealedResults(started.toString(), Machine.current(),
        new Settings(HEAP, "H2 file", "off (sihha.security.enabled=false)", rounds, warmReads,
            EVENTS_PER_NOTIFICATION, jfr),
        data, runs, checks, SealedResults.Summary.of(runs));
    Path report = SealedReport.write(root.resolve("bench/results"), ResultsFile.stamp(started), results);
    System.out.println();
    System.out.print(SealedReport.table(results));
    System.out.print(SealedReport.checkTable(results));
    System.out.println("Results: " + report);
    boolean passed = checks.stream().allMatch(ContentCheck::passed);
    if (keep || jfr || !passed) {
      System.out.println("Data, logs" + (jfr ? " and flight recordings" : "") + " kept in " + work);
    } else {
      FileSystemUtils.deleteRecursively(work.toFile());
    }
    if (!passed) {
      throw new IllegalStateException("the sealed $everything is not the unsealed one in clear: see " + report);
    }
  }

  /** One mode's figures, and its cold answer, for the content check. */
  private record Measured(ModeRun run, List<String> pages) {}

  private Measured measure(Launch launch, int round, boolean sealing, ProviderRecords records,
      List<String> notifications, Data data, Path runDir) {
    String mode = mode(sealing);
    Path dataDir = runDir.resolve("data");
    double loadBefore = Machine.loadAverage();
    System.out.printf(Locale.ROOT, "round %d, %s: starting the ministry in %s%n", round, mode, runDir);
    double startUp;
    Ingest ingest;
    Read cold;
    List<Double> warm = new ArrayList<>();
    double warmCpu;
    long nameHits;
    try (MinistryServer ministry = MinistryServer.start(launch, sealing, dataDir, runDir.resolve("first"))) {
      startUp = ministry.startUpSeconds();
      ingest = ingest(ministry, notifications, records.resources().size());
      System.out.printf(Locale.ROOT, "  ready in %.1f s; ingest: %d resources in %.2f s = %.1f resources/s (later"
          + " half %.1f), ministry CPU %.2f s, outcomes %s%n", startUp, ingest.events(), ingest.seconds(),
          ingest.resourcesPerSecond(), ingest.laterHalfPerSecond(), ingest.cpuSeconds(), ingest.outcomes());
      cold = ministry.everything(idPart(data.patient()));
      save(cold, runDir.resolve("first"));
      double cpuBefore = ministry.cpuSeconds();
      for (int i = 0; i < warmReads; i++) {
        Read read = ministry.everything(idPart(data.patient()));
        requireSameCount(read, cold, "a repeated read");
        warm.add(read.millis());
      }
      warmCpu = (ministry.cpuSeconds() - cpuBefore) * 1e3 / warmReads;
      nameHits = ministry.count("Patient?family=" + URLEncoder.encode(records.patient().family(),
          StandardCharsets.UTF_8));
    }
    double restartSeconds;
    Read restartFirst;
    Read restart;
    try (MinistryServer ministry = MinistryServer.start(launch, sealing, dataDir, runDir.resolve("restart"))) {
      restartSeconds = ministry.startUpSeconds();
      restartFirst = ministry.everything(idPart(data.otherPatient()));
      restart = ministry.everything(idPart(data.patient()));
      requireSameCount(restart, cold, "the read after the restart");
    }
    Map<String, Long> envelopes = StoredEnvelopes.count(dataDir);
    Reads reads = new Reads(resourceCount(cold), cold.millis(), cold.cpuMillis(), warm, Stats.median(warm),
        Stats.percentile(warm, 90), warmCpu, restartFirst.millis(), resourceCount(restartFirst), restart.millis(),
        restart.cpuMillis());
    ModeRun run = new ModeRun(round, mode, startUp, ingest, reads, restartSeconds, envelopes, nameHits, loadBefore,
        Machine.loadAverage());
    System.out.printf(Locale.ROOT, "  $everything (%d resources): cold %.0f ms (CPU %.0f ms), warm median %.0f ms,"
        + " p90 %.0f ms (CPU %.0f ms per read); after restart: first request (other patient, %d resources) %.0f ms,"
        + " patient %.0f ms (CPU %.0f ms); sealed versions stored %s, Patient?family hits %d%n", reads.resources(),
        reads.coldMillis(), reads.coldCpuMillis(), reads.warmMedianMillis(), reads.warmP90Millis(), warmCpu,
        reads.restartFirstResources(), reads.restartFirstMillis(), reads.restartMillis(), reads.restartCpuMillis(),
        envelopes, nameHits);
    return new Measured(run, cold.pages());
  }

  private Ingest ingest(MinistryServer ministry, List<String> notifications, int total) {
    double cpuBefore = ministry.cpuSeconds();
    List<Double> millis = new ArrayList<>();
    List<Integer> events = new ArrayList<>();
    for (int i = 0; i < notifications.size(); i++) {
      int count = Math.min(EVENTS_PER_NOTIFICATION, total - i * EVENTS_PER_NOTIFICATION);
      millis.add(ministry.deliver(notifications.get(i), count) / 1e6);
      events.add(count);
    }
    double cpu = ministry.cpuSeconds() - cpuBefore;
    double seconds = millis.stream().mapToDouble(Double::doubleValue).sum() / 1e3;
    int half = notifications.size() / 2;
    double laterSeconds = millis.subList(half, millis.size()).stream().mapToDouble(Double::doubleValue).sum() / 1e3;
    int laterEvents = events.subList(half, events.size()).stream().mapToInt(Integer::intValue).sum();
    Map<String, Double> outcomes = ministry.ingestOutcomes();
    double created = outcomes.getOrDefault("created", 0.0);
    if (created != total) {
      throw new IllegalStateException("the ministry created " + created + " resources of " + total + " delivered: "
          + outcomes);
    }
    return new Ingest(total, notifications.size(), seconds, total / seconds, laterEvents / laterSeconds, cpu, millis,
        outcomes);
  }

  /** The cold answer beside the server's log, to look at after a failed check ({@code --keep true}). */
  private static void save(Read read, Path dir) {
    for (int i = 0; i < read.pages().size(); i++) {
      Path file = dir.resolve("everything-cold-" + (i + 1) + ".json");
      try {
        Files.writeString(file, read.pages().get(i));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
  }

  private static int resourceCount(Read read) {
    return read.entries();
  }

  private static void requireSameCount(Read read, Read first, String what) {
    int count = read.entries();
    int expected = first.entries();
    if (count != expected) {
      throw new IllegalStateException(what + " gave " + count + " resources, the first read " + expected);
    }
  }

  private static List<String> bundleNames(ProviderRecords records) {
    List<String> names = new ArrayList<>();
    names.add(records.patient().file());
    records.others().forEach(other -> names.add(other.file()));
    return names;
  }

  /** The patient read first after a restart: another bundle's, or the same when there is only one bundle. */
  private static String otherPatient(ProviderRecords records) {
    ProviderRecords.Record other = records.others().isEmpty() ? records.patient() : records.others().get(0);
    return ContentCheck.national("Patient/" + other.patientId());
  }

  private static String idPart(String national) {
    return national.substring(national.indexOf('/') + 1);
  }

  private static String mode(boolean sealing) {
    return sealing ? SealedResults.SEALED : SealedResults.UNSEALED;
  }
}
