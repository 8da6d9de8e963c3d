package health.sihha.hie.interceptors.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

/** Plain HTTP calls with an optional bearer token, so tests see statuses and headers as a client does. */
public final class Requests {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Requests() {}

  public static HttpResponse<String> get(String url, String token) {
    return send("GET", url, token, null);
  }

  public static HttpResponse<String> send(String method, String url, String token, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replace("|", "%7C")))
        .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json))
        .header("Accept", "application/fhir+json");
    if (json != null) {
      request.header("Content-Type", "application/fhir+json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return HTTP.send(request.build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
