package health.sihha.hie.provider.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Access tokens from the shared Keycloak's realm: its demo users (password = user name) and its service accounts. */
public final class RealmTokens {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private RealmTokens() {}

  /** A token of demo user {@code user} through the test-only {@code sihha-dev-cli} client, with {@code scope}. */
  public static String user(String user, String scope) throws Exception {
    return token(Map.of("grant_type", "password", "client_id", "sihha-dev-cli", "username", user, "password", user,
        "scope", scope));
  }

  /** A token of demo user {@code user} with {@code user/*.cruds}. */
  public static String user(String user) throws Exception {
    return user(user, "openid fhirUser user/*.cruds");
  }

  /** A client-credentials token of the confidential client {@code client}. */
  public static String client(String client, String secret, String scope) throws Exception {
    return token(Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret,
        "scope", scope));
  }

  private static String token(Map<String, String> form) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(SharedKeycloak.tokenEndpoint()))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(body)).build(),
        BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonPath.read(response.body(), "$.access_token");
  }
}
