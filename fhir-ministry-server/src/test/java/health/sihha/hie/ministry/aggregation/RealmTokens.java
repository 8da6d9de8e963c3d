package health.sihha.hie.ministry.aggregation;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An access token of the shared Keycloak's realm, asked for again when it is about to expire (the slice runs longer
 * than a token lives): a demo user's (password = user name, test-only client {@code sihha-dev-cli}) or a confidential
 * client's service account.
 */
final class RealmTokens implements IClientInterceptor {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MARGIN = Duration.ofSeconds(30);

  private final Map<String, String> form;
  private String token;
  private Instant renewAt = Instant.MIN;

  private RealmTokens(Map<String, String> form) {
    this.form = Map.copyOf(form);
  }

  static RealmTokens user(String user, String scope) {
    return new RealmTokens(Map.of("grant_type", "password", "client_id", "sihha-dev-cli", "username", user,
        "password", user, "scope", scope));
  }

  /** The service account of a confidential demo client, whose secret is {@code <client>-demo-secret}. */
  static RealmTokens client(String client, String scope) {
    return new RealmTokens(Map.of("grant_type", "client_credentials", "client_id", client,
        "client_secret", client + "-demo-secret", "scope", scope));
  }

  synchronized String token() {
    if (Instant.now().isAfter(renewAt)) {
      JsonNode answer = request();
      token = answer.path("access_token").asText();
      renewAt = Instant.now().plusSeconds(answer.path("expires_in").asLong()).minus(MARGIN);
    }
    return token;
  }

  @Override
  public void interceptRequest(IHttpRequest request) {
    request.addHeader("Authorization", "Bearer " + token());
  }

  @Override
  public void interceptResponse(IHttpResponse response) {}

  private JsonNode request() {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(SharedKeycloak.tokenEndpoint()))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(body)).build(),
          BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("no token for " + form.get("client_id") + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for a token", e);
    }
  }
}
