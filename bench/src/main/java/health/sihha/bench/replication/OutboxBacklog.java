package health.sihha.bench.replication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

/**
 * The events each provider has not delivered yet, read from its {@code sihha_outbox_undelivered} gauge: a cheap
 * signal of whether the ministry can have caught up, polled while waiting instead of reading every store again.
 */
final class OutboxBacklog {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<URI> metrics;

  /** For the providers at {@code fhirBases} ({@code http://host:port/fhir}). */
  OutboxBacklog(List<String> fhirBases) {
    this.metrics = fhirBases.stream()
        .map(base -> URI.create(base.replaceFirst("/fhir/?$", "") + "/actuator/prometheus")).toList();
  }

  /** Undelivered events per provider, in order; -1 where the gauge could not be read. */
  List<Long> undelivered() {
    return metrics.stream().map(this::undelivered).toList();
  }

  private long undelivered(URI uri) {
    try {
      String body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
          BodyHandlers.ofString()).body();
      return body.lines().filter(line -> line.startsWith("sihha_outbox_undelivered")).findFirst()
          .map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(-1L);
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
