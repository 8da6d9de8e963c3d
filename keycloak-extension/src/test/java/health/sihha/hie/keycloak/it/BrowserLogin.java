package health.sihha.hie.keycloak.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The authorization-code flow with PKCE as a browser would run it, over plain HTTP: authorization request, login
 * form, redirect with the code, code exchange. One instance is one browser (its own cookies). Public, in the test
 * jar, for the FHIR servers' ITs that need a token of a real SMART launch.
 */
public final class BrowserLogin {

  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
  private static final Pattern PICKER_ACTION =
      Pattern.compile("<form[^>]*id=\"sihha-patient-picker\"[^>]*action=\"([^\"]+)\"");

  private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  /** Keycloak marks its cookies Secure, which java.net's cookie manager never sends over http: keep them here. */
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final String verifier = randomUrlSafe(48);
  private final String state = randomUrlSafe(16);

  /** Where the flow ended: the redirect to the client, or a page of Keycloak's. */
  public record Outcome(int status, String location, String page) {

    public Map<String, String> redirectParams() {
      return OAuth.params(URI.create(location).getRawQuery());
    }
  }

  /** Sends the authorization request; {@code extra} adds or overrides parameters (aud, launch, ...). */
  public HttpResponse<String> authorize(String authEndpoint, String clientId, String redirectUri, String scope,
      Map<String, String> extra) throws IOException, InterruptedException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", clientId);
    params.put("redirect_uri", redirectUri);
    params.put("scope", scope);
    params.put("state", state);
    params.put("code_challenge", challenge(verifier));
    params.put("code_challenge_method", "S256");
    params.putAll(extra);
    return send(HttpRequest.newBuilder(URI.create(authEndpoint + "?" + OAuth.form(params))));
  }

  /** Posts the credentials into the login page that {@link #authorize} returned. */
  public Outcome login(HttpResponse<String> loginPage, String username, String password)
      throws IOException, InterruptedException {
    return post(FORM_ACTION, loginPage.body(), Map.of("username", username, "password", password,
        "credentialId", ""));
  }

  /** Picks {@code patient} in the patient picker that the login (or a previous pick) showed. */
  public Outcome choosePatient(Outcome picker, String patient) throws IOException, InterruptedException {
    return post(PICKER_ACTION, picker.page(), Map.of("patient", patient));
  }

  private Outcome post(Pattern formAction, String page, Map<String, String> fields)
      throws IOException, InterruptedException {
    Matcher action = formAction.matcher(page);
    if (!action.find()) {
      throw new IllegalStateException("no form " + formAction + " in: " + page);
    }
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(OAuth.form(fields))));
    return new Outcome(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
          .collect(Collectors.joining("; ")));
    }
    HttpResponse<String> response = browser.send(request.build(), BodyHandlers.ofString());
    for (String cookie : response.headers().allValues("Set-Cookie")) {
      String pair = cookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return response;
  }

  public String state() {
    return state;
  }

  public String verifier() {
    return verifier;
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomUrlSafe(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
