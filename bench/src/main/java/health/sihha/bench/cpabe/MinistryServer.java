package health.sihha.bench.cpabe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.sihha.bench.run.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ministry under test: its jar started as a child JVM with security off, sealing on or off, one registered
 * provider, on a data folder that a restart keeps; and what the benchmark does with it over HTTP (the JDK client,
 * HTTP/1.1 keep-alive): post notifications to {@code /ingest/<provider>}, read {@code Patient/<id>/$everything},
 * scrape its ingest counters, and read its process's CPU time.
 */
final class MinistryServer implements AutoCloseable {

  static final String PROVIDER = "provider-a";
  private static final String FHIR_JSON = "application/fhir+json";
  /** The ministry's largest page ({@code sihha.fhir.max-page-size}): a 200-resource answer is one page. */
  private static final int PAGE = 500;
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern INGESTED =
      Pattern.compile("^sihha_ingest_resources_total\\{([^}]*)\\} ([0-9.eE+-]+)$");
  private static final Pattern OUTCOME = Pattern.compile("outcome=\"([^\"]*)\"");

  private final ServerProcess process;
  private final double startUpSeconds;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();

  private MinistryServer(ServerProcess process, double startUpSeconds) {
    this.process = process;
    this.startUpSeconds = startUpSeconds;
  }

  /** How the ministry JVMs of a run are started: the same for sealed and unsealed but for sealing itself. */
  record Launch(Path jar, String heap, String providerBase, boolean flightRecording, Duration startUpTimeout) {}

  /**
   * Starts the ministry on {@code dataDir} (fresh or kept from an earlier start), its log ({@code server.log}) and,
   * with flight recording, {@code ministry.jfr} in {@code logDir}, and waits until it is ready.
   */
  static MinistryServer start(Launch launch, boolean sealing, Path dataDir, Path logDir) {
    int port = ServerProcess.freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), launch.heap()));
    if (launch.flightRecording()) {
      command.add("-XX:StartFlightRecording=filename=" + logDir.resolve("ministry.jfr") + ",settings=profile");
    }
    command.addAll(List.of("-jar", launch.jar().toString(),
        "--server.address=127.0.0.1", "--server.port=" + port, "--sihha.fhir.data-dir=" + dataDir,
        "--sihha.security.enabled=false", "--sihha.ministry.cpabe.sealing.enabled=" + sealing,
        "--sihha.ministry.providers[0].id=" + PROVIDER, "--sihha.ministry.providers[0].name=" + PROVIDER,
        "--sihha.ministry.providers[0].fhir-base=" + launch.providerBase()));
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logDir, e);
    }
    ServerProcess process = ServerProcess.start("ministry", command, logDir, port);
    try {
      Duration took = process.awaitReady(launch.startUpTimeout());
      return new MinistryServer(process, took.toMillis() / 1e3);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
  }

  double startUpSeconds() {
    return startUpSeconds;
  }

  /** The ministry process's CPU time so far, in seconds; NaN where the platform does not tell. */
  double cpuSeconds() {
    return process.cpuTime().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  /**
   * Posts one notification and checks that the ministry held every event (a {@code batch-response} whose entries
   * are all 2xx); returns how long the POST took, from sending to the whole answer read.
   */
  long deliver(String notification, int events) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(process.rootUrl() + "/ingest/" + PROVIDER))
        .timeout(TIMEOUT).header("Content-Type", FHIR_JSON).header("Accept", FHIR_JSON)
        .POST(BodyPublishers.ofString(notification)).build();
    long start = System.nanoTime();
    HttpResponse<String> response = send(request);
    long nanos = System.nanoTime() - start;
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the ministry answered a notification " + response.statusCode() + ": "
          + response.body());
    }
    JsonNode entries = readTree(response.body()).path("entry");
    if (entries.size() != events) {
      throw new IllegalStateException("the ministry answered " + entries.size() + " events of " + events);
    }
    for (JsonNode entry : entries) {
      String status = entry.path("response").path("status").asText();
      if (!status.startsWith("2")) {
        throw new IllegalStateException("the ministry refused an event, " + status + ": "
            + entry.path("response").path("outcome"));
      }
    }
    return nanos;
  }

  /**
   * One read of {@code $everything}, every page of it: the time from the first request to the last body read, and
   * the ministry process's CPU time meanwhile (NaN where the platform does not tell; Linux counts it in 10 ms ticks).
   */
  record Read(long nanos, double cpuMillis, List<String> pages) {

    private static final ObjectMapper JSON = new ObjectMapper();

    Read {
      pages = List.copyOf(pages);
    }

    double millis() {
      return nanos / 1e6;
    }

    /** The entries of every page. */
    int entries() {
      int entries = 0;
      for (String page : pages) {
        try {
          entries += JSON.readTree(page).path("entry").size();
        } catch (IOException e) {
          throw new IllegalStateException("$everything answered no JSON: " + page, e);
        }
      }
      return entries;
    }
  }

  /** {@code GET Patient/<nationalId>/$everything}, as a new search each time ({@code Cache-Control: no-cache}). */
  Read everything(String nationalId) {
    String url = process.fhirBase() + "/Patient/" + nationalId + "/$everything?_count=" + PAGE;
    List<String> pages = new ArrayList<>();
    double cpuBefore = cpuSeconds();
    long start = System.nanoTime();
    while (url != null) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
          .header("Accept", FHIR_JSON).header("Cache-Control", "no-cache").GET().build());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("$everything answered " + response.statusCode() + ": " + response.body());
      }
      pages.add(response.body());
      url = nextLink(response.body());
    }
    long nanos = System.nanoTime() - start;
    return new Read(nanos, (cpuSeconds() - cpuBefore) * 1e3, pages);
  }

  /** How many resources a search finds ({@code _summary=count}). */
  long count(String query) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(
        URI.create(process.fhirBase() + "/" + query + "&_summary=count")).timeout(TIMEOUT)
        .header("Accept", FHIR_JSON).header("Cache-Control", "no-cache").GET().build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(query + " answered " + response.statusCode() + ": " + response.body());
    }
    return readTree(response.body()).path("total").asLong(-1);
  }

  /** {@code sihha_ingest_resources_total}, summed per outcome ({@code created}, {@code refused}...). */
  Map<String, Double> ingestOutcomes() {
    HttpResponse<String> response = send(HttpRequest.newBuilder(
        URI.create(process.rootUrl() + "/actuator/prometheus")).timeout(TIMEOUT).GET().build());
    Map<String, Double> outcomes = new TreeMap<>();
    response.body().lines().map(INGESTED::matcher).filter(Matcher::matches).forEach(line -> {
      Matcher outcome = OUTCOME.matcher(line.group(1));
      if (outcome.find()) {
        outcomes.merge(outcome.group(1), Double.parseDouble(line.group(2)), Double::sum);
      }
    });
    return outcomes;
  }

  @Override
  public void close() {
    process.close();
  }

  private String nextLink(String bundle) {
    if (!bundle.contains("\"next\"")) {
      return null;
    }
    for (JsonNode link : readTree(bundle).path("link")) {
      if ("next".equals(link.path("relation").asText())) {
        return link.path("url").asText();
      }
    }
    return null;
  }

  private JsonNode readTree(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("the ministry's answer is not JSON: " + body, e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
