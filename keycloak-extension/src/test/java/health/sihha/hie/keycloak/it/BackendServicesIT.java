package health.sihha.hie.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.keycloak.it.OAuth.Reply;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens without a browser: SMART Backend Services, the servers' client secrets, a demo user's password grant. */
class BackendServicesIT {

  static final String PROVIDER_A = "http://127.0.0.1:8081/fhir";
  static final String TERMINOLOGY = "http://127.0.0.1:8090/fhir";

  /** A token of {@code client} (sihha-backend or sihha-backend-b) by an assertion signed with {@code key}. */
  static Reply backendToken(String client, PrivateKey key, String scope) throws Exception {
    String endpoint = SharedKeycloak.tokenEndpoint();
    return OAuth.token(endpoint, Map.of("grant_type", "client_credentials", "scope", scope,
        "client_assertion_type", ClientAssertion.TYPE,
        "client_assertion", ClientAssertion.sign(key, client + "-demo", client, endpoint)));
  }

  static Reply backendToken(PrivateKey key, String scope) throws Exception {
    return backendToken("sihha-backend", key, scope);
  }

  /** The demo key of {@code client}, {@code keycloak/realm/<client>.demo-key.pem}. */
  static PrivateKey backendKey(String client) throws Exception {
    return ClientAssertion.readPkcs8(Path.of(System.getProperty("sihha.keycloak.backend-key"))
        .resolveSibling(client + ".demo-key.pem"));
  }

  static PrivateKey backendKey() throws Exception {
    return backendKey("sihha-backend");
  }

  @Test
  void backendServiceSignedAssertionGetsSystemScopesForItsProvider() throws Exception {
    Reply reply = backendToken(backendKey(), "system/*.rs system/Patient.rs");

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(((String) reply.body().get("scope")).split(" ")).contains("system/*.rs", "system/Patient.rs");
    Map<String, Object> token = OAuth.claims(reply.body().get("access_token"));
    assertThat(token.get("azp")).isEqualTo("sihha-backend");
    assertThat(OAuth.strings(token.get("aud"))).containsExactly(PROVIDER_A, TERMINOLOGY);
    assertThat(token).containsEntry("facility", "provider-a");
    assertThat(OAuth.strings(token.get("roles"))).contains("system");
  }

  @Test
  void assertionSignedWithAnotherKeyIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);

    Reply reply = backendToken(generator.generateKeyPair().getPrivate(), "system/*.rs");

    assertThat(reply.status()).isIn(400, 401);
    assertThat(reply.body().get("error")).isEqualTo("invalid_client");
  }

  @Test
  void providerServerGetsATokenWithItsSecretAndNotWithAWrongOne() throws Exception {
    Reply good = OAuth.token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type", "client_credentials",
        "client_id", "provider-a", "client_secret", "provider-a-demo-secret", "scope", "system/*.cruds"));
    Reply bad = OAuth.token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type", "client_credentials",
        "client_id", "provider-a", "client_secret", "wrong"));

    assertThat(good.status()).as("%s", good.body()).isEqualTo(200);
    Map<String, Object> token = OAuth.claims(good.body().get("access_token"));
    assertThat(token.get("facility")).isEqualTo("provider-a");
    assertThat((String) token.get("scope")).contains("system/*.cruds");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.body().get("error")).isEqualTo("unauthorized_client");
  }

  @Test
  void nurseTokenCarriesRolesFacilityRegionAndFhirUser() throws Exception {
    Reply reply = OAuth.token(SharedKeycloak.tokenEndpoint(), Map.of("grant_type", "password",
        "client_id", "sihha-dev-cli", "username", "nurse-a", "password", "nurse-a",
        "scope", "openid fhirUser user/*.cruds"));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    Map<String, Object> token = OAuth.claims(reply.body().get("access_token"));
    assertThat(OAuth.strings(token.get("roles"))).contains("nurse").doesNotContain("physician");
    assertThat(token).containsEntry("facility", "provider-a").containsEntry("region", "north")
        .containsEntry("specialty", "general-nursing").containsEntry("fhirUser", "Practitioner/pa-nurse");
    assertThat(OAuth.strings(token.get("aud"))).containsExactly(PROVIDER_A, TERMINOLOGY);
    assertThat(OAuth.claims(reply.body().get("id_token"))).containsEntry("fhirUser", "Practitioner/pa-nurse");
  }
}
