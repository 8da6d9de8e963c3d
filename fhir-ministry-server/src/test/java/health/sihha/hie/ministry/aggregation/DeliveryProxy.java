package health.sihha.hie.ministry.aggregation;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * What sits between a provider and the ministry's instances in the fault tests: it forwards each notification to
 * the next ministry instance in turn (so both apply one provider's feed at once), answers 502 when that instance is
 * down, as a load balancer would, and, on request, loses notifications on the way while telling the provider they
 * were applied, the one failure the provider cannot see.
 */
final class DeliveryProxy implements AutoCloseable {

  private final FhirContext fhirContext;
  private final List<String> ministryBases;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger notificationsToLose = new AtomicInteger();
  private final AtomicLong eventsLost = new AtomicLong();
  private final AtomicLong notificationsForwarded = new AtomicLong();

  /**
   * @param ministryBases each ministry instance's base, e.g. {@code http://127.0.0.1:PORT}; a request for
   *     {@code /ingest/<provider>} goes to {@code <base>/ingest/<provider>}
   */
  DeliveryProxy(FhirContext fhirContext, int port, List<String> ministryBases) throws IOException {
    this.fhirContext = fhirContext;
    this.ministryBases = List.copyOf(ministryBases);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** Where the provider delivers: the base its {@code ministry-ingest-url} names. */
  String ingestUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest";
  }

  /** The next {@code count} notifications carrying events are lost, each answered as if applied. */
  void loseNextNotifications(int count) {
    notificationsToLose.set(count);
  }

  long eventsLost() {
    return eventsLost.get();
  }

  long notificationsForwarded() {
    return notificationsForwarded.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int events = "POST".equals(exchange.getRequestMethod()) ? eventsIn(body) : 0;
      if (events > 0 && notificationsToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        eventsLost.addAndGet(events);
        respond(exchange, 200, allApplied(events));
        return;
      }
      forward(exchange, body);
    }
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    String base = ministryBases.get(Math.floorMod(next.getAndIncrement(), ministryBases.size()));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + exchange.getRequestURI()))
        .timeout(Duration.ofSeconds(60))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : List.of("Authorization", "Content-Type", "Accept")) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      notificationsForwarded.incrementAndGet();
      response.headers().firstValue("Content-Type")
          .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
      exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    } catch (IOException instanceDown) {
      exchange.sendResponseHeaders(502, -1);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(502, -1);
    }
  }

  /** How many notification-events a notification bundle carries; 0 for a handshake, a heartbeat or anything else. */
  private int eventsIn(byte[] body) {
    try {
      Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, new String(body, StandardCharsets.UTF_8));
      if (bundle.getEntry().isEmpty() || !(bundle.getEntryFirstRep().getResource() instanceof Parameters status)) {
        return 0;
      }
      return (int) status.getParameter().stream().filter(p -> "notification-event".equals(p.getName())).count();
    } catch (RuntimeException notABundle) {
      return 0;
    }
  }

  private String allApplied(int events) {
    Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
    for (int i = 0; i < events; i++) {
      response.addEntry().getResponse().setStatus("200 OK");
    }
    return fhirContext.newJsonParser().encodeResourceToString(response);
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
