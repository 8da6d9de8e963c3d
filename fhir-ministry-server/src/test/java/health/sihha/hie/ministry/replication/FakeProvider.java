package health.sihha.hie.ministry.replication;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import health.sihha.hie.ministry.FakeFhirExchanges;
import health.sihha.hie.ministry.ingest.Notifications;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * A provider as the ministry sees it for replication: it numbers events of one Subscription and answers
 * {@code GET /fhir/Subscription/<id>/$events} with them, in the shape of AGGREGATION.md.
 */
final class FakeProvider implements AutoCloseable {

  static final String BASE = "http://127.0.0.1:47391/fhir";

  private final HttpServer server;
  private final Map<String, TreeMap<Long, Event>> events = new ConcurrentHashMap<>();

  private final Map<String, Map<String, Event>> current = new ConcurrentHashMap<>();

  private record Event(Resource written, String type, String id, long version) {}

  /** What the provider holds now of {@code resource}: version {@code version}, as its history shows. */
  void holds(Resource resource, long version) {
    current.computeIfAbsent(resource.fhirType(), t -> new ConcurrentHashMap<>()).put(resource.getIdElement()
        .getIdPart(), new Event(resource, resource.fhirType(), resource.getIdElement().getIdPart(), version));
  }

  /** The provider deleted {@code type/id}, the deletion being {@code version}. */
  void holdsDeleted(String type, String id, long version) {
    current.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).put(id, new Event(null, type, id, version));
  }

  FakeProvider() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 47391), 0);
    server.createContext("/fhir/", this::handle);
    server.start();
  }

  /** Event {@code number} of {@code subscription}: {@code resource} written as {@code version}. */
  void written(String subscription, long number, Resource resource, long version) {
    events.computeIfAbsent(subscription, s -> new TreeMap<>())
        .put(number, new Event(resource, resource.fhirType(), resource.getIdElement().getIdPart(), version));
  }

  /** Event {@code number} of {@code subscription}: {@code type/id} deleted as {@code version}. */
  void deleted(String subscription, long number, String type, String id, long version) {
    events.computeIfAbsent(subscription, s -> new TreeMap<>()).put(number, new Event(null, type, id, version));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = FakeFhirExchanges.query(exchange.getRequestURI().getRawQuery());
    String[] segments = path.substring("/fhir/".length()).split("/");
    if (segments.length == 3 && "Subscription".equals(segments[0]) && "$events".equals(segments[2])) {
      FakeFhirExchanges.respond(exchange, 200, events(segments[1], Long.parseLong(query.get("eventsSinceNumber")),
          query.containsKey("eventsUntilNumber") ? Long.parseLong(query.get("eventsUntilNumber")) : Long.MAX_VALUE));
    } else if (segments.length == 2 && "_history".equals(segments[1])) {
      FakeFhirExchanges.respond(exchange, 200, history(segments[0]));
    } else {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    }
  }

  private Bundle events(String subscription, long since, long until) {
    TreeMap<Long, Event> all = events.getOrDefault(subscription, new TreeMap<>());
    Notifications answer = Notifications.queryEvents(BASE, subscription, all.isEmpty() ? 0 : all.lastKey());
    all.subMap(since, true, until, true).forEach((number, event) -> {
      if (event.written() != null) {
        answer.written(number, event.written(), event.version());
      } else {
        answer.deleted(number, event.type(), event.id(), event.version());
      }
    });
    return answer.bundle();
  }

  /** The type's history, newest entry of each resource only (the rest of a real history is older). */
  private Bundle history(String type) {
    Bundle history = new Bundle().setType(Bundle.BundleType.HISTORY);
    current.getOrDefault(type, Map.of()).values().forEach(event -> {
      Bundle.BundleEntryComponent entry = history.addEntry().setFullUrl(BASE + "/" + type + "/" + event.id());
      if (event.written() != null) {
        Resource version = event.written().copy();
        version.setId(new IdType(type, event.id(), Long.toString(event.version())));
        version.getMeta().setVersionId(Long.toString(event.version()));
        entry.setResource(version);
        entry.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(type + "/" + event.id());
      } else {
        entry.getRequest().setMethod(Bundle.HTTPVerb.DELETE)
            .setUrl(type + "/" + event.id() + "/_history/" + event.version());
      }
    });
    return history;
  }



  @Override
  public void close() {
    server.stop(0);
  }
}
