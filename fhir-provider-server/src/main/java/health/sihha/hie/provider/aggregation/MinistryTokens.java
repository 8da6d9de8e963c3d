package health.sihha.hie.provider.aggregation;

import static java.util.Objects.requireNonNull;

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
 * Client-credentials access tokens of this provider's Keycloak client (RFC 6749 §4.4, client secret in HTTP Basic),
 * one per notification: nothing is cached, so a revoked client or a rotated secret takes effect at the next delivery.
 */
public final class MinistryTokens {

  private final HttpClient http;
  private final URI tokenEndpoint;
  private final String basicCredentials;
  private final String form;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();

  public MinistryTokens(URI tokenEndpoint, String clientId, String clientSecret, String scope, Duration timeout) {
    this.tokenEndpoint = requireNonNull(tokenEndpoint);
    this.basicCredentials = Base64.getEncoder().encodeToString(
        (formEncode(clientId) + ":" + formEncode(clientSecret)).getBytes(StandardCharsets.UTF_8));
    this.form = "grant_type=client_credentials&scope=" + formEncode(scope);
    this.timeout = requireNonNull(timeout);
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * A fresh access token.
   *
   * @throws TokenUnavailableException when the token endpoint cannot be reached or refuses the client
   */
  public String fetch() {
    HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
        .timeout(timeout)
        .header("Authorization", "Basic " + basicCredentials)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TokenUnavailableException(Codes.of(1147) + "no token from " + tokenEndpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenUnavailableException(Codes.of(1147) + "interrupted while asking " + tokenEndpoint, e);
    }
    if (response.statusCode() != 200) {
      throw new TokenUnavailableException(Codes.of(1148) + tokenEndpoint + " answered " + response.statusCode()
          + ": " + response.body(), null);
    }
    try {
      JsonNode token = json.readTree(response.body()).path("access_token");
      if (!token.isTextual() || token.asText().isBlank()) {
        throw new TokenUnavailableException(Codes.of(1148) + tokenEndpoint + " answered without access_token", null);
      }
      return token.asText();
    } catch (IOException e) {
      throw new TokenUnavailableException(Codes.of(1148) + tokenEndpoint + " answered no JSON", e);
    }
  }

  /** RFC 6749 §2.3.1: the client id and secret are form-encoded before they go into the Basic credentials. */
  private static String formEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** No token now: the notification fails and the outbox retries it. */
  public static final class TokenUnavailableException extends RuntimeException {

    TokenUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
