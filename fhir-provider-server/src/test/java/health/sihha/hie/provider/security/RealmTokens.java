package health.sihha.hie.provider.security;

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

/** Access tokens from the shared Keycloak's realm: its demo users (password = user name) and its service accounts. */
public final class RealmTokens {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SMART_APP = "sihha-smart-app";
  private static final String SMART_REDIRECT = "http://127.0.0.1:3000/callback";

  private RealmTokens() {}

  /** A token of demo user {@code user} through the test-only {@code sihha-dev-cli} client, with {@code scope}. */
  public static String user(String user, String scope) throws Exception {
    return token(SharedKeycloak.tokenEndpoint(), passwordGrant(user, scope), "access_token");
  }

  /** A token of demo user {@code user} with {@code user/*.cruds}. */
  public static String user(String user) throws Exception {
    return user(user, "openid fhirUser user/*.cruds");
  }

  /**
   * A token of demo user {@code user} from the test-only {@code sihha-dev-cli-expiring} client, whose tokens expire
   * one second after they are issued.
   */
  public static String expiring(String user) throws Exception {
    return token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type", "password", "client_id",
        "sihha-dev-cli-expiring", "username", user, "password", user, "scope", "openid user/*.cruds"), "access_token");
  }

  /** The ID token of demo user {@code user}: signed by the realm, but its {@code aud} is the client, no FHIR server. */
  public static String idToken(String user) throws Exception {
    return token(SharedKeycloak.tokenEndpoint(), passwordGrant(user, "openid user/*.cruds"), "id_token");
  }

  /**
   * A token of demo user {@code user} asked of Keycloak as {@code localhost}: signed by the realm's key, but its
   * {@code iss} names {@code localhost}, which is not the issuer a server trusts.
   */
  public static String fromLocalhostIssuer(String user) throws Exception {
    return token(SharedKeycloak.tokenEndpoint().replace("://127.0.0.1:", "://localhost:"),
        passwordGrant(user, "openid user/*.cruds"), "access_token");
  }

  /**
   * The access token of a standalone SMART launch of the public app {@code sihha-smart-app} by demo user {@code user},
   * as a browser runs it (authorization code with PKCE, the launch patient from the user's account), for
   * {@code audience}.
   */
  public static String launch(String user, String scope, String audience) throws Exception {
    BrowserLogin browser = new BrowserLogin();
    HttpResponse<String> page = browser.authorize(SharedKeycloak.authorizationEndpoint(), SMART_APP, SMART_REDIRECT,
        scope, Map.of("aud", audience));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    Outcome login = browser.login(page, user, user);
    assertThat(login.status()).as(login.page()).isEqualTo(302);
    return token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type", "authorization_code",
        "code", login.redirectParams().get("code"), "redirect_uri", SMART_REDIRECT, "client_id", SMART_APP,
        "code_verifier", browser.verifier()), "access_token");
  }

  /** A client-credentials token of the confidential client {@code client}. */
  public static String client(String client, String secret, String scope) throws Exception {
    return token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type", "client_credentials", "client_id", client,
        "client_secret", secret, "scope", scope), "access_token");
  }

  private static Map<String, String> passwordGrant(String user, String scope) {
    return Map.of("grant_type", "password", "client_id", "sihha-dev-cli", "username", user, "password", user,
        "scope", scope);
  }

  private static String token(String endpoint, Map<String, String> form, String field) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(body)).build(),
        BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonPath.read(response.body(), "$." + field);
  }
}
