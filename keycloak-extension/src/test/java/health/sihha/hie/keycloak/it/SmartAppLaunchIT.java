package health.sihha.hie.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.keycloak.it.BrowserLogin.Outcome;
import health.sihha.hie.keycloak.it.OAuth.Reply;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SMART app's authorization-code flow with PKCE: standalone launch (with the patient picker) and EHR launch, and
 * the aud check.
 */
class SmartAppLaunchIT {

  private static final String CLIENT = "sihha-smart-app";
  private static final String REDIRECT = "http://127.0.0.1:3000/callback";
  private static final String PROVIDER_A = "http://127.0.0.1:8081/fhir";

  @Test
  void standaloneLaunchOfAUserWithOnePatientGivesItWithoutAsking() throws Exception {
    BrowserLogin browser = new BrowserLogin();
    HttpResponse<String> page = browser.authorize(SharedKeycloak.authorizationEndpoint(), CLIENT, REDIRECT,
        "openid fhirUser launch/patient patient/*.rs", Map.of("aud", PROVIDER_A));
    assertThat(page.statusCode()).isEqualTo(200);

    Reply token = exchange(browser, browser.login(page, "nurse-a", "nurse-a"));

    assertThat(token.status()).as("%s", token.body()).isEqualTo(200);
    assertThat(token.body()).containsEntry("patient", "example-a");
    assertThat(((String) token.body().get("scope")).split(" ")).contains("launch/patient", "patient/*.rs");
    Map<String, Object> claims = OAuth.claims(token.body().get("access_token"));
    assertThat(claims).containsEntry("patient", "example-a").containsEntry("fhirUser", "Practitioner/pa-nurse")
        .containsEntry("facility", "provider-a");
  }

  @Test
  void standaloneLaunchOfAUserWithSeveralPatientsShowsThePickerAndTakesOnlyTheirPatients() throws Exception {
    BrowserLogin browser = new BrowserLogin();
    HttpResponse<String> page = browser.authorize(SharedKeycloak.authorizationEndpoint(), CLIENT, REDIRECT,
        "openid fhirUser launch/patient patient/*.rs", Map.of("aud", PROVIDER_A));

    Outcome picker = browser.login(page, "physician-a", "physician-a");
    assertThat(picker.status()).as("picker: %s", picker.page()).isEqualTo(200);
    assertThat(picker.page()).contains("sihha-patient-picker", "value=\"example-a\"", "value=\"example-a2\"");
    Outcome notTheirs = browser.choosePatient(picker, "example-b");
    assertThat(notTheirs.status()).isEqualTo(200);
    assertThat(notTheirs.page()).contains("not one of the patients", "sihha-patient-picker");
    Reply token = exchange(browser, browser.choosePatient(notTheirs, "example-a2"));

    assertThat(token.status()).as("%s", token.body()).isEqualTo(200);
    assertThat(token.body()).containsEntry("patient", "example-a2");
    assertThat(OAuth.claims(token.body().get("access_token"))).containsEntry("patient", "example-a2")
        .containsEntry("fhirUser", "Practitioner/pa-physician");
  }

  @Test
  void ehrLaunchResolvesTheRegisteredLaunchToItsPatientOnce() throws Exception {
    Reply launch = register(Map.of("patient", "pat-42", "client_id", CLIENT, "aud", PROVIDER_A));
    assertThat(launch.status()).as("%s", launch.body()).isEqualTo(201);
    assertThat(launch.body()).containsEntry("client_id", CLIENT).containsEntry("aud", PROVIDER_A)
        .containsEntry("expires_in", 90);
    String id = (String) launch.body().get("launch");

    Reply token = exchange(ehrLogin(id, PROVIDER_A), "nurse-a");
    Outcome again = ehrLogin(id, PROVIDER_A).login(ehrPage, "physician-a", "physician-a");

    assertThat(token.status()).as("%s", token.body()).isEqualTo(200);
    assertThat(token.body()).containsEntry("patient", "pat-42");
    assertThat(OAuth.claims(token.body().get("access_token"))).containsEntry("patient", "pat-42")
        .containsEntry("facility", "provider-a");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.page()).contains("unknown, expired or already used launch");
  }

  @Test
  void ehrLaunchIsRefusedToAnotherAppAnotherServerAndAnotherFacility() throws Exception {
    String forAnotherApp = registered(Map.of("patient", "pat-42", "client_id", "sihha-dev-cli", "aud", PROVIDER_A));
    String forAnotherServer = registered(Map.of("patient", "pat-42", "client_id", CLIENT, "aud", PROVIDER_A));
    String ofAnotherFacility = registered(Map.of("patient", "pat-42", "client_id", CLIENT, "aud", PROVIDER_A));

    Outcome app = ehrLogin(forAnotherApp, PROVIDER_A).login(ehrPage, "nurse-a", "nurse-a");
    Outcome server = ehrLogin(forAnotherServer, "http://127.0.0.1:8090/fhir").login(ehrPage, "nurse-a", "nurse-a");
    Outcome facility = ehrLogin(ofAnotherFacility, PROVIDER_A).login(ehrPage, "nurse-b", "nurse-b");

    assertThat(app.status()).isEqualTo(400);
    assertThat(app.page()).contains("registered for another app");
    assertThat(server.status()).isEqualTo(400);
    assertThat(server.page()).contains("registered for another FHIR server");
    assertThat(facility.status()).isEqualTo(400);
    assertThat(facility.page()).contains("belongs to another facility");
  }

  @Test
  void ehrLaunchExpires() throws Exception {
    String launch = registered(Map.of("patient", "pat-42", "client_id", CLIENT, "aud", PROVIDER_A,
        "expires_in", "1"));
    Thread.sleep(2500);

    Outcome outcome = ehrLogin(launch, PROVIDER_A).login(ehrPage, "nurse-a", "nurse-a");

    assertThat(outcome.status()).isEqualTo(400);
    assertThat(outcome.page()).contains("unknown, expired or already used launch");
  }

  @Test
  void ehrLaunchRegistrationNamesAServerOfTheEhrsFacilityAndAShortLifespan() throws Exception {
    Reply otherServer = register(Map.of("patient", "pat-42", "client_id", CLIENT, "aud",
        "http://127.0.0.1:8082/fhir"));
    Reply tooLong = register(Map.of("patient", "pat-42", "client_id", CLIENT, "aud", PROVIDER_A,
        "expires_in", "3600"));
    Reply noClient = register(Map.of("patient", "pat-42", "aud", PROVIDER_A));

    assertThat(otherServer.status()).isEqualTo(403);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(noClient.status()).isEqualTo(400);
  }

  @Test
  void launchRegistrationNeedsASystemToken() throws Exception {
    Reply anonymous = OAuth.postForm(SharedKeycloak.realmUrl() + "/smart-launch/launches",
        Map.of("patient", "pat-42"), null);
    String nurse = (String) OAuth.token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type", "password",
        "client_id", "sihha-dev-cli", "username", "nurse-a", "password", "nurse-a")).body().get("access_token");
    Reply notSystem = OAuth.postForm(SharedKeycloak.realmUrl() + "/smart-launch/launches",
        Map.of("patient", "pat-42"), nurse);

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(notSystem.status()).isEqualTo(403);
  }

  @Test
  void unknownLaunchEndsTheLoginWithoutACode() throws Exception {
    BrowserLogin browser = new BrowserLogin();
    HttpResponse<String> page = browser.authorize(SharedKeycloak.authorizationEndpoint(), CLIENT, REDIRECT,
        "openid launch", Map.of("aud", PROVIDER_A, "launch", "no-such-launch"));

    Outcome outcome = browser.login(page, "nurse-a", "nurse-a");

    assertThat(outcome.status()).isEqualTo(400);
    assertThat(outcome.page()).contains("unknown, expired or already used launch");
  }

  @Test
  void audienceThatIsNotAFhirServerOfTheExchangeIsRefused() throws Exception {
    HttpResponse<String> wrong = new BrowserLogin().authorize(SharedKeycloak.authorizationEndpoint(), CLIENT,
        REDIRECT, "openid launch/patient", Map.of("aud", "https://evil.example/fhir"));
    HttpResponse<String> missing = new BrowserLogin().authorize(SharedKeycloak.authorizationEndpoint(), CLIENT,
        REDIRECT, "openid launch/patient", Map.of());

    for (HttpResponse<String> response : List.of(wrong, missing)) {
      assertThat(response.statusCode()).isEqualTo(302);
      String location = response.headers().firstValue("Location").orElseThrow();
      assertThat(location).startsWith(REDIRECT);
      assertThat(new Outcome(302, location, "").redirectParams()).containsEntry("error", "invalid_request");
    }
  }

  /** The login page of the last {@link #ehrLogin}. */
  private HttpResponse<String> ehrPage;

  /** A browser that starts an EHR launch of the SMART app with {@code launch} against {@code aud}. */
  private BrowserLogin ehrLogin(String launch, String aud) throws Exception {
    BrowserLogin browser = new BrowserLogin();
    ehrPage = browser.authorize(SharedKeycloak.authorizationEndpoint(), CLIENT, REDIRECT, "openid launch patient/*.rs",
        Map.of("aud", aud, "launch", launch));
    assertThat(ehrPage.statusCode()).as(ehrPage.body()).isEqualTo(200);
    return browser;
  }

  private Reply exchange(BrowserLogin browser, String user) throws Exception {
    return exchange(browser, browser.login(ehrPage, user, user));
  }

  /** Registers an EHR launch as provider A's backend service (an EHR of facility provider-a). */
  private static Reply register(Map<String, String> form) throws Exception {
    String system = (String) BackendServicesIT.backendToken(BackendServicesIT.backendKey(), "system/*.rs").body()
        .get("access_token");
    return OAuth.postForm(SharedKeycloak.realmUrl() + "/smart-launch/launches", form, system);
  }

  private static String registered(Map<String, String> form) throws Exception {
    Reply launch = register(form);
    assertThat(launch.status()).as("%s", launch.body()).isEqualTo(201);
    return (String) launch.body().get("launch");
  }

  private static Reply exchange(BrowserLogin browser, Outcome login) throws Exception {
    assertThat(login.status()).as("login page: %s", login.page()).isEqualTo(302);
    Map<String, String> redirect = login.redirectParams();
    assertThat(login.location()).startsWith(REDIRECT);
    assertThat(redirect).containsEntry("state", browser.state()).containsKey("code");
    return OAuth.token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type", "authorization_code",
        "code", redirect.get("code"), "redirect_uri", REDIRECT, "client_id", CLIENT,
        "code_verifier", browser.verifier()));
  }
}
