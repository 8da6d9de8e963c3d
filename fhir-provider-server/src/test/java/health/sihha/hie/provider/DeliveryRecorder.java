package health.sihha.hie.provider;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;

/**
 * A real HTTP endpoint on loopback standing where the ministry's ingestion endpoint would be: it records every
 * request the provider makes and answers notification bundles with a batch-response whose statuses the test decides
 * ({@link #answerEvents}, {@link #answerWhole}), so the provider's side of the slice is observable without a
 * ministry. Anything else (the stock alerts' rest-hooks) is echoed with a 200. The ministry's side is tested against
 * the real provider in the ministry module.
 */
public final class DeliveryRecorder implements AutoCloseable {

  public record Delivery(String method, String path, String body) {

    /** The notification this delivery carried. */
    public Bundle notification() {
      return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, body);
    }
  }

  private static final ToIntFunction<String> ALL_APPLIED = focus -> 200;

  private final HttpServer server;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private volatile int wholeStatus = 200;
  private volatile ToIntFunction<String> eventStatus = ALL_APPLIED;

  DeliveryRecorder() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::record);
    server.start();
  }

  public String ingestUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest";
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** The status of each event, from its focus (null for an event without one); every event applied by default. */
  public void answerEvents(ToIntFunction<String> statusByFocus) {
    eventStatus = statusByFocus;
  }

  /** The status of whole notifications: anything but 200 fails them all. */
  public void answerWhole(int status) {
    wholeStatus = status;
  }

  /** Back to applying everything. */
  public void reset() {
    wholeStatus = 200;
    eventStatus = ALL_APPLIED;
  }

  private void record(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Delivery delivery = new Delivery(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
    deliveries.add(delivery);
    if (!delivery.path().startsWith("/ingest/")) {
      answer(exchange, 200, body);
      return;
    }
    if (wholeStatus != 200) {
      answer(exchange, wholeStatus, "");
      return;
    }
    answer(exchange, 200, FhirContext.forR4Cached().newJsonParser().encodeResourceToString(batchResponse(delivery)));
  }

  private Bundle batchResponse(Delivery delivery) {
    Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
    Parameters status = (Parameters) delivery.notification().getEntryFirstRep().getResource();
    for (ParametersParameterComponent event : status.getParameter()) {
      if (!event.getName().equals("notification-event")) {
        continue;
      }
      String focus = event.getPart().stream().filter(p -> p.getName().equals("focus"))
          .map(p -> ((Reference) p.getValue()).getReference()).findFirst().orElse(null);
      int code = eventStatus.applyAsInt(focus);
      Bundle.BundleEntryComponent entry = response.addEntry();
      entry.getResponse().setStatus(String.valueOf(code));
      if (code >= 400) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
            .setCode(OperationOutcome.IssueType.INVALID).setDiagnostics("SIHHA-1110: refused by the test");
        entry.getResponse().setOutcome(outcome);
      }
    }
    return response;
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] answer = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
    exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
