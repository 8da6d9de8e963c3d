package health.sihha.hie.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.keycloak.it.OAuth.Reply;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The token contract the FHIR servers rely on: for each kind of principal of the demo realm, its access token's
 * {@code aud} names exactly the servers it may call and its {@code facility} claim where it works (from its facility
 * group, or its client's configuration for a service account).
 */
class TokenContractIT {

  private static final String MINISTRY = "http://127.0.0.1:8080/fhir";
  private static final String INGEST = "http://127.0.0.1:8080/ingest";
  private static final String PROVIDER_A = "http://127.0.0.1:8081/fhir";
  private static final String PROVIDER_B = "http://127.0.0.1:8082/fhir";
  private static final String TERMINOLOGY = "http://127.0.0.1:8090/fhir";
  private static final String SMART_APP = "sihha-smart-app";
  private static final String REDIRECT = "http://127.0.0.1:3000/callback";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "provider-a | provider-a | http://127.0.0.1:8081/fhir http://127.0.0.1:8080/ingest http://127.0.0.1:8090/fhir",
      "provider-b | provider-b | http://127.0.0.1:8082/fhir http://127.0.0.1:8080/ingest http://127.0.0.1:8090/fhir",
      "ministry   | ministry   | http://127.0.0.1:8080/fhir http://127.0.0.1:8081/fhir http://127.0.0.1:8082/fhir"
          + " http://127.0.0.1:8090/fhir"})
  void aServerServiceAccountReachesItsOwnServersAndItsClientsFacility(String client, String facility,
      String audiences) throws Exception {
    Map<String, Object> token = access(OAuth.token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type",
        "client_credentials", "client_id", client, "client_secret", client + "-demo-secret", "scope",
        "system/*.cruds")));

    assertThat(OAuth.strings(token.get("aud"))).containsExactly(audiences.split(" "));
    assertThat(token).containsEntry("facility", facility);
  }

  @Test
  void theMonitoringScraperReachesEveryServersOperationsEndpointsWithNoScope() throws Exception {
    Map<String, Object> token = access(OAuth.token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type",
        "client_credentials", "client_id", "sihha-monitoring", "client_secret", "sihha-monitoring-demo-secret")));

    assertThat(OAuth.strings(token.get("aud"))).containsExactly(MINISTRY, PROVIDER_A, PROVIDER_B, TERMINOLOGY);
    assertThat(OAuth.strings(token.get("roles"))).contains("monitoring").doesNotContain("system");
    assertThat((String) token.get("scope")).doesNotContain("system/", "user/", "patient/");
  }

  @Test
  void theLoadersBackendClientsAreBoundToOneProviderEach() throws Exception {
    Map<String, Object> a = access(BackendServicesIT.backendToken("sihha-backend",
        BackendServicesIT.backendKey("sihha-backend"), "system/*.cruds"));
    Map<String, Object> b = access(BackendServicesIT.backendToken("sihha-backend-b",
        BackendServicesIT.backendKey("sihha-backend-b"), "system/*.cruds"));

    assertThat(OAuth.strings(a.get("aud"))).containsExactly(PROVIDER_A, TERMINOLOGY);
    assertThat(a).containsEntry("facility", "provider-a");
    assertThat(OAuth.strings(b.get("aud"))).containsExactly(PROVIDER_B, TERMINOLOGY);
    assertThat(b).containsEntry("facility", "provider-b");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "physician-a      | provider-a | http://127.0.0.1:8081/fhir http://127.0.0.1:8090/fhir",
      "nurse-a          | provider-a | http://127.0.0.1:8081/fhir http://127.0.0.1:8090/fhir",
      "facility-admin-a | provider-a | http://127.0.0.1:8081/fhir http://127.0.0.1:8090/fhir",
      "pharmacist-b     | provider-b | http://127.0.0.1:8082/fhir http://127.0.0.1:8090/fhir",
      "lab-technician-b | provider-b | http://127.0.0.1:8082/fhir http://127.0.0.1:8090/fhir",
      "epidemiologist   | ministry   | http://127.0.0.1:8080/fhir http://127.0.0.1:8090/fhir",
      "ministry-analyst | ministry   | http://127.0.0.1:8080/fhir http://127.0.0.1:8090/fhir",
      "terminologist    | ministry   | http://127.0.0.1:8090/fhir"})
  void aPersonReachesTheServersOfTheirFacilityGroup(String user, String facility, String audiences)
      throws Exception {
    Reply reply = OAuth.token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type", "password", "client_id",
        "sihha-dev-cli", "username", user, "password", user, "scope", "openid user/*.cruds"));
    Map<String, Object> token = access(reply);

    assertThat(OAuth.strings(token.get("aud"))).containsExactly(audiences.split(" "));
    assertThat(token).containsEntry("facility", facility);
    assertThat(OAuth.claims(reply.body().get("id_token"))).containsEntry("facility", facility);
  }

  @Test
  void aSmartLaunchNamesExactlyItsAudAndTheTerminologyAndCarriesTheUsersFacility() throws Exception {
    Map<String, Object> token = launch("nurse-a", PROVIDER_A);

    assertThat(OAuth.strings(token.get("aud"))).containsExactly(PROVIDER_A, TERMINOLOGY);
    assertThat(token).containsEntry("facility", "provider-a").containsEntry("patient", "example-a");
  }

  @Test
  void aSmartLaunchAgainstAnotherFacilitysServerGetsATokenNoServerTakes() throws Exception {
    Map<String, Object> token = launch("nurse-b", PROVIDER_A);

    assertThat(OAuth.strings(token.get("aud"))).isEmpty();
    assertThat(token).containsEntry("facility", "provider-b");
  }

  @Test
  void noTokenNamesAServerOutsideItsPrincipalsReach() throws Exception {
    List<String> nurse = OAuth.strings(access(OAuth.token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type",
        "password", "client_id", "sihha-dev-cli", "username", "nurse-b", "password", "nurse-b"))).get("aud"));

    assertThat(nurse).doesNotContain(MINISTRY, INGEST, PROVIDER_A);
  }

  private static Map<String, Object> access(Reply reply) throws Exception {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return OAuth.claims(reply.body().get("access_token"));
  }

  private static Map<String, Object> launch(String user, String aud) throws Exception {
    BrowserLogin browser = new BrowserLogin();
    HttpResponse<String> page = browser.authorize(SharedKeycloak.authorizationEndpoint(), SMART_APP, REDIRECT,
        "openid fhirUser launch/patient patient/*.rs", Map.of("aud", aud));
    BrowserLogin.Outcome login = browser.login(page, user, user);
    assertThat(login.status()).as("login page: %s", login.page()).isEqualTo(302);
    return access(OAuth.token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type", "authorization_code",
        "code", login.redirectParams().get("code"), "redirect_uri", REDIRECT, "client_id", SMART_APP,
        "code_verifier", browser.verifier())));
  }
}
