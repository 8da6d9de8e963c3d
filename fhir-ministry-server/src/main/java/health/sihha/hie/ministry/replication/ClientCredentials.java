package health.sihha.hie.ministry.replication;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.sihha.hie.interceptors.Codes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The ministry's client-credentials access token (RFC 6749 §4.4, secret in HTTP Basic), fetched for each repair or
 * reconciliation call: they are rare, and a revoked client or rotated secret takes effect at once.
 */
final class ClientCredentials {

  private final HttpClient http;
  private final URI tokenEndpoint;
  private final String basic;
  private final String form;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();

  ClientCredentials(URI tokenEndpoint, String clientId, String clientSecret, String scope, Duration timeout) {
    this.tokenEndpoint = requireNonNull(tokenEndpoint);
    this.basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret))
        .getBytes(StandardCharsets.UTF_8));
    this.form = "grant_type=client_credentials&scope=" + encode(scope);
    this.timeout = requireNonNull(timeout);
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  String token() {
    HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(timeout)
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode token = response.statusCode() == 200 ? json.readTree(response.body()).path("access_token") : null;
      if (token == null || !token.isTextual()) {
        throw new InternalErrorException(Codes.of(1122) + tokenEndpoint + " gave the ministry no token: "
            + response.statusCode());
      }
      return token.asText();
    } catch (IOException e) {
      throw new InternalErrorException(Codes.of(1122) + "no token from " + tokenEndpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InternalErrorException(Codes.of(1122) + "interrupted while asking " + tokenEndpoint, e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
