package health.sihha.hie.ministry.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.keycloak.it.BrowserLogin;
import health.sihha.hie.keycloak.it.BrowserLogin.Outcome;
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

/**
 * Who knocks, with a real token of the shared Keycloak's demo realm: each organisation's service account, its
 * clinicians, a SMART patient launch at each provider, and the ministry's people. Tokens are fetched once, when the
 * matrix starts: they live 5 minutes, longer than the matrix runs.
 */
enum Principal {
  PROVIDER_A_CLIENT, PROVIDER_B_CLIENT, MINISTRY_CLIENT, CLINICIAN_A, CLINICIAN_B, PATIENT_A, PATIENT_B, ANALYST,
  TERMINOLOGIST;

  static final String SMART_APP = "sihha-smart-app";
  static final String SMART_REDIRECT = "http://127.0.0.1:3000/callback";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A fresh access token of this principal. */
  String token() throws Exception {
    return switch (this) {
      case PROVIDER_A_CLIENT -> client("provider-a", "system/*.cruds");
      case PROVIDER_B_CLIENT -> client("provider-b", "system/*.cruds");
      case MINISTRY_CLIENT -> client("ministry", "system/*.cruds");
      case CLINICIAN_A -> user("physician-a");
      case CLINICIAN_B -> user("physician-b");
      case PATIENT_A -> launch("nurse-a", OrganisationIsolationIT.PROVIDER_A_AUDIENCE);
      case PATIENT_B -> launch("nurse-b", OrganisationIsolationIT.PROVIDER_B_AUDIENCE);
      case ANALYST -> user("ministry-analyst");
      case TERMINOLOGIST -> user("terminologist");
    };
  }

  private static String client(String client, String scope) throws Exception {
    return token(Map.of("grant_type", "client_credentials", "client_id", client, "client_secret",
        client + "-demo-secret", "scope", scope));
  }

  private static String user(String user) throws Exception {
    return token(Map.of("grant_type", "password", "client_id", "sihha-dev-cli", "username", user, "password", user,
        "scope", "openid user/*.cruds"));
  }

  /** A standalone SMART launch of the public app, as a browser runs it; the user's one patient is the context. */
  private static String launch(String user, String audience) throws Exception {
    BrowserLogin browser = new BrowserLogin();
    HttpResponse<String> page = browser.authorize(SharedKeycloak.authorizationEndpoint(), SMART_APP, SMART_REDIRECT,
        "openid launch/patient patient/*.rs", Map.of("aud", audience));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    Outcome login = browser.login(page, user, user);
    assertThat(login.status()).as(login.page()).isEqualTo(302);
    return token(Map.of("grant_type", "authorization_code", "code", login.redirectParams().get("code"),
        "redirect_uri", SMART_REDIRECT, "client_id", SMART_APP, "code_verifier", browser.verifier()));
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
