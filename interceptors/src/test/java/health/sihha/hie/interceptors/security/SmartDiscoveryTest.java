package health.sihha.hie.interceptors.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.test.utilities.server.HashMapResourceProviderExtension;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmartDiscoveryTest {

  private static final TestTokens TOKENS = new TestTokens();
  private static final String KC = "http://127.0.0.1:8180/realms/sihha/protocol/openid-connect";
  private static final SmartConfiguration SMART = SmartConfiguration.keycloak(URI.create("http://127.0.0.1:8180/realms/sihha/"));

  @RegisterExtension
  @Order(0)
  static final RestfulServerExtension server = new RestfulServerExtension(FhirContext.forR4Cached())
      .withServer(s -> {
        s.registerInterceptor(new SmartDiscoveryInterceptor(SMART));
        s.registerInterceptor(new SmartCapabilityInterceptor(SMART));
        s.registerInterceptor(new SmartAuthorizationInterceptor(
            new SmartGrants(TOKENS.verifier()), TestTokens.FACILITY, new ClinicalRolePolicy()));
      })
      .keepAliveBetweenTests();

  @RegisterExtension
  @Order(1)
  final HashMapResourceProviderExtension<Patient> patients = new HashMapResourceProviderExtension<>(server, Patient.class);

  @Test
  void theDiscoveryDocumentIsOpenAndComplete() throws Exception {
    HttpResponse<String> response = Requests.get(server.getBaseUrl() + "/.well-known/smart-configuration", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");

    Map<String, Object> json = JSONObjectUtils.parse(response.body());
    assertThat(json).containsEntry("issuer", "http://127.0.0.1:8180/realms/sihha")
        .containsEntry("jwks_uri", KC + "/certs")
        .containsEntry("authorization_endpoint", KC + "/auth")
        .containsEntry("token_endpoint", KC + "/token");
    assertThat(JSONObjectUtils.getStringList(json, "grant_types_supported"))
        .contains("authorization_code", "client_credentials");
    assertThat(JSONObjectUtils.getStringList(json, "token_endpoint_auth_methods_supported")).contains("private_key_jwt");
    assertThat(JSONObjectUtils.getStringList(json, "token_endpoint_auth_signing_alg_values_supported"))
        .contains("RS384", "ES384");
    assertThat(JSONObjectUtils.getStringList(json, "scopes_supported"))
        .contains("openid", "fhirUser", "launch/patient", "patient/*.rs", "user/*.cruds", "system/*.rs");
    assertThat(JSONObjectUtils.getStringList(json, "response_types_supported")).containsExactly("code");
    assertThat(JSONObjectUtils.getStringList(json, "code_challenge_methods_supported")).containsExactly("S256");
    assertThat(JSONObjectUtils.getStringList(json, "capabilities")).contains("launch-standalone", "launch-ehr",
        "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
        "context-standalone-patient", "context-ehr-patient", "permission-patient", "permission-user",
        "permission-v2", "sso-openid-connect");
  }

  @Test
  void otherRequestsStillNeedAToken() {
    assertThat(Requests.get(server.getBaseUrl() + "/Patient", null).statusCode()).isEqualTo(401);
    assertThat(Requests.get(server.getBaseUrl() + "/.well-known/other", null).statusCode()).isNotEqualTo(200);
  }

  @Test
  void theCapabilityStatementDeclaresSmart() {
    CapabilityStatement statement = server.getFhirClient().capabilities().ofType(CapabilityStatement.class).execute();
    CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();

    assertThat(security.getServiceFirstRep().getCodingFirstRep().getSystem())
        .isEqualTo("http://terminology.hl7.org/CodeSystem/restful-security-service");
    assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
    Extension oauth = security.getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
    assertThat(oauth.getExtensionByUrl("authorize").getValue().primitiveValue()).isEqualTo(KC + "/auth");
    assertThat(oauth.getExtensionByUrl("token").getValue().primitiveValue()).isEqualTo(KC + "/token");
  }
}
