package health.sihha.bench.terminology;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * The one HTTP client of the benchmark, the same for both servers: JDK {@link HttpClient}, HTTP/1.1 with
 * keep-alive, JSON. Light enough that the client is not what is measured; its CPU time is reported anyway.
 */
final class FhirHttp {

  static final String FHIR_JSON = "application/fhir+json";
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final String base;

  FhirHttp(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  String base() {
    return base;
  }

  /** A URI on this server, from a path relative to the FHIR base with its query already encoded. */
  URI uri(String relative) {
    return URI.create(base + "/" + relative);
  }

  HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", FHIR_JSON).GET().build());
  }

  HttpResponse<String> send(String method, String relative, String json) {
    return send(HttpRequest.newBuilder(uri(relative)).timeout(TIMEOUT).header("Accept", FHIR_JSON)
        .header("Content-Type", FHIR_JSON).method(method, HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
    }
  }
}
