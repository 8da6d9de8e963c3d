package health.sihha.bench.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.sihha.bench.auth.BackendToken;
import health.sihha.bench.auth.BearerTokenInterceptor;
import health.sihha.bench.run.Machine;
import health.sihha.bench.run.PostgresDatabases;
import health.sihha.bench.run.ResidentMemory;
import health.sihha.bench.run.ServerProcess;
import health.sihha.bench.synthea.BundlePoster;
import health.sihha.bench.synthea.LoadSummary;
import health.sihha.bench.synthea.ProgressListener;
import health.sihha.bench.synthea.SyntheaLoader;
import jakarta.annotation.Nullable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.util.FileSystemUtils;

/**
 * Measures one load: starts the variant's servers on an empty database, posts the shared and warm-up bundles
 * untimed, times the patient bundles, stops the servers, and reads the provider's flight recording. The work folder
 * (data and {@code server.log}s) is deleted after a load, and kept when it fails.
 */
final class LoadRunner {

  /** A ministry or provider starting on 2 busy cores, on PostgreSQL, has needed minutes. */
  static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(10);

  private final FhirContext fhir;
  private final IngestCommands commands;
  private final Workload workload;
  @Nullable private final BackendToken token;
  @Nullable private final Path recordings;

  /**
   * @param token the provider's bearer tokens; null when no provider variant runs
   * @param recordings where the provider's flight recordings go; null for none
   */
  LoadRunner(FhirContext fhir, IngestCommands commands, Workload workload, @Nullable BackendToken token,
      @Nullable Path recordings) {
    this.fhir = fhir;
    this.commands = commands;
    this.workload = workload;
    this.token = token;
    this.recordings = recordings;
  }

  IngestRun measure(Database database, Variant variant, int clients, int round) {
    String name = database.option() + "-" + variant.option() + "-" + clients + "-clients"
        + (round == 1 ? "" : "-round-" + round);
    String title = String.format(Locale.ROOT, "%s, %s, %d client(s), round %d", database.label(), variant.label(),
        clients, round);
    Path workDir = ServerProcess.createTempDir("sihha-bench-ingest-" + name + "-");
    @Nullable Path recording = recordings != null && variant.provider() ? recordings.resolve(name + ".jfr") : null;
    @Nullable BackendToken bearer = variant.provider() ? token : null;
    if (database == Database.POSTGRES) {
      PostgresDatabases.empty(databases(variant));
    }
    System.out.printf(Locale.ROOT, "%s: starting, data and logs in %s%n", title, workDir);
    Timed timed;
    double startup;
    int subscriptions;
    try (ServersUnderTest servers =
        ServersUnderTest.start(commands, variant, database, workDir, recording, STARTUP_TIMEOUT)) {
      startup = servers.startupSeconds();
      SyntheaLoader loader = new SyntheaLoader(new BundlePoster(fhir, servers.server().fhirBase(), bearer));
      loader.post(workload.shared(), 1, ProgressListener.SILENT);
      loader.post(workload.warmUp(), clients, ProgressListener.SILENT);
      subscriptions = countSubscriptions(servers.server().fhirBase(), bearer);
      timed = timedLoad(servers, loader, clients, title);
    } catch (RuntimeException e) {
      throw new IllegalStateException(title + " failed (data and logs kept in " + workDir + "): " + e.getMessage(),
          e);
    }
    FileSystemUtils.deleteRecursively(workDir.toFile());
    LoadSummary load = timed.load();
    System.out.printf(Locale.ROOT, "%s: %d resources in %.1f s = %.0f resources/s%n", title, load.resources(),
        load.seconds(), load.resourcesPerSecond());
    @Nullable RequestProfile profile = recording == null ? null : profile(recording, timed);
    return new IngestRun(database, variant, clients, round, load.bundles(), load.resources(), load.seconds(),
        load.resourcesPerSecond(), startup, subscriptions, timed.serverCpuSeconds(), timed.ministryCpuSeconds(),
        timed.serverPeakResidentMegabytes(), timed.ministryPeakResidentMegabytes(),
        timed.loadAverageBefore(), timed.loadAverageAfter(),
        profile == null ? null : recording.getParent().getFileName() + "/" + recording.getFileName(), profile);
  }

  /** The request threads' profile of the timed load; null, with a warning, when the provider wrote no recording. */
  @Nullable
  private static RequestProfile profile(Path recording, Timed timed) {
    if (!Files.isRegularFile(recording)) {
      System.out.println("WARNING: the provider wrote no flight recording at " + recording);
      return null;
    }
    return RequestProfiler.read(recording, timed.from(), timed.to());
  }

  /** The timed part of a load, and what the machine and the servers did meanwhile. */
  private record Timed(LoadSummary load, Instant from, Instant to, @Nullable Double serverCpuSeconds,
      @Nullable Double ministryCpuSeconds, @Nullable Double serverPeakResidentMegabytes,
      @Nullable Double ministryPeakResidentMegabytes, double loadAverageBefore, double loadAverageAfter) {}

  private Timed timedLoad(ServersUnderTest servers, SyntheaLoader loader, int clients, String title) {
    Optional<Duration> serverCpu = servers.server().cpuTime();
    Optional<Duration> ministryCpu = servers.ministry().flatMap(ServerProcess::cpuTime);
    double loadBefore = Machine.loadAverage();
    Instant from = Instant.now();
    LoadSummary load = loader.post(workload.timed(), clients, (done, total, bundle, took) ->
        System.out.printf(Locale.ROOT, "  %s [%d/%d] %s: %d resources in %.1f s%n", title, done, total,
            bundle.name(), bundle.resources(), took.toMillis() / 1e3));
    Instant to = Instant.now();
    return new Timed(load, from, to, cpuSeconds(serverCpu, servers.server().cpuTime()),
        cpuSeconds(ministryCpu, servers.ministry().flatMap(ServerProcess::cpuTime)),
        peakResident(Optional.of(servers.server())), peakResident(servers.ministry()), loadBefore,
        Machine.loadAverage());
  }

  /** The largest resident set of the server's process so far (start-up, warm-up and the timed load). */
  @Nullable
  private static Double peakResident(Optional<ServerProcess> server) {
    return server.flatMap(ServerProcess::residentMemory).map(ResidentMemory::peakMegabytes).orElse(null);
  }

  @Nullable
  private static Double cpuSeconds(Optional<Duration> before, Optional<Duration> after) {
    return before.isPresent() && after.isPresent() ? after.get().minus(before.get()).toMillis() / 1e3 : null;
  }

  /** The PostgreSQL databases of the variant's servers. */
  private static List<String> databases(Variant variant) {
    List<String> servers = new ArrayList<>();
    if (!variant.provider()) {
      servers.add(Database.STOCK);
    } else {
      servers.add(Database.PROVIDER);
      if (variant.liveMinistry()) {
        servers.add(Database.MINISTRY);
      }
    }
    return servers.stream().map(Database::postgresName).toList();
  }

  private int countSubscriptions(String base, @Nullable BackendToken bearer) {
    IGenericClient client = fhir.newRestfulGenericClient(base);
    if (bearer != null) {
      client.registerInterceptor(new BearerTokenInterceptor(bearer));
    }
    return client.search().forResource("Subscription").summaryMode(SummaryEnum.COUNT)
        .returnBundle(Bundle.class).execute().getTotal();
  }
}
