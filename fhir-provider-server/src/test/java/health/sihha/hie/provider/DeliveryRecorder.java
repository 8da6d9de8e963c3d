package health.sihha.hie.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP endpoint on loopback standing where the ministry's ingestion endpoint would be: it records every
 * rest-hook delivery the provider makes and answers 200, so the provider's side of the slice is observable without
 * a ministry. The ministry's side is tested against the real provider in the ministry module.
 */
public final class DeliveryRecorder implements AutoCloseable {

  public record Delivery(String method, String path, String body) {}

  private final HttpServer server;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

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

  private void record(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    deliveries.add(new Delivery(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body));
    byte[] answer = body.isEmpty() ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
