package health.sihha.hie.terminology.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The terminology server's token rules with real tokens of the realm (SharedKeycloak): an empty store (no seed), one
 * small code system created by the ministry's service account.
 *
 * <p>The realm's tokens name the demo bases in {@code aud}, so the server on a random port is told that its public
 * base is {@code http://127.0.0.1:8090/fhir}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminologySecurityIT {

  private static final String AUDIENCE = "http://127.0.0.1:8090/fhir";
  private static final String SYSTEM = "http://example.org/sihha/it-colours";
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private String reader;

  @DynamicPropertySource
  static void securedAgainstTheRealm(DynamicPropertyRegistry registry) throws IOException {
    Path data = Files.createTempDirectory("sihha-terminology-security");
    registry.add("sihha.terminology.data-dir", data::toString);
    registry.add("sihha.terminology.seed-dir", () -> data.resolve("no-seed").toString());
    registry.add("sihha.security.enabled", () -> "true");
    registry.add("sihha.security.issuer", SharedKeycloak::realmUrl);
    registry.add("sihha.security.audience", () -> AUDIENCE);
  }

  @BeforeAll
  void oneCodeSystemAndAReader() throws Exception {
    String ministry = token(Map.of("grant_type", "client_credentials", "client_id", "ministry",
        "client_secret", "ministry-demo-secret", "scope", "system/*.rs"));
    assertThat(send("PUT", "CodeSystem/it-colours", ministry, codeSystem("it-colours")).statusCode()).isEqualTo(201);
    // a clinician of another facility with only user scopes: any valid token of the realm may read
    reader = user("nurse-b", "openid user/Patient.cruds");
  }

  @Test
  void metadataAndSmartDiscoveryNeedNoToken() throws Exception {
    HttpResponse<String> metadata = send("GET", "metadata", null, null);
    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(metadata.body()).contains("SMART-on-FHIR").contains(SharedKeycloak.tokenEndpoint());
    HttpResponse<String> smart = send("GET", ".well-known/smart-configuration", null, null);
    assertThat(smart.statusCode()).isEqualTo(200);
    assertThat((String) JsonPath.read(smart.body(), "$.token_endpoint")).isEqualTo(SharedKeycloak.tokenEndpoint());
  }

  @Test
  void readsWithoutAValidTokenAre401WithABearerChallenge() throws Exception {
    HttpResponse<String> none = send("GET", "CodeSystem/$lookup?system=" + SYSTEM + "&code=red", null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(none.body()).contains("OperationOutcome").contains("SIHHA-1010");
    String tampered = reader.substring(0, reader.length() - 4) + (reader.endsWith("AAAA") ? "BBBB" : "AAAA");
    HttpResponse<String> forged = send("GET", "CodeSystem", tampered, null);
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer error=\"invalid_token\"");
  }

  @Test
  void aCachedAnswerIsGivenOnlyToAValidToken() throws Exception {
    String lookup = "CodeSystem/$lookup?system=" + SYSTEM + "&code=green";
    HttpResponse<String> first = send("GET", lookup, reader, null);
    HttpResponse<String> again = send("GET", lookup, reader, null);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body()).contains("Green");

    String tampered = reader.substring(0, reader.length() - 4) + (reader.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (String attacker : new String[] {null, tampered, "not-a-token"}) {
      HttpResponse<String> refused = send("GET", lookup, attacker, null);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.body()).doesNotContain("Green").contains("OperationOutcome");
    }
  }

  @Test
  void anyValidTokenReadsAndRunsTheTerminologyOperations() throws Exception {
    assertThat(send("GET", "CodeSystem/it-colours", reader, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "CodeSystem?url=" + SYSTEM, reader, null).body()).contains("it-colours");
    assertThat(send("GET", "CodeSystem/$lookup?system=" + SYSTEM + "&code=red", reader, null).body())
        .contains("Red");
    HttpResponse<String> validated = send("POST", "CodeSystem/$validate-code", reader,
        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":\"" + SYSTEM + "\"},"
            + "{\"name\":\"code\",\"valueCode\":\"green\"}]}");
    assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
    assertThat(validated.body().replace(" ", "")).contains("\"valueBoolean\":true");
    assertThat(send("GET", "CodeSystem/$subsumes?system=" + SYSTEM + "&codeA=red&codeB=red", reader, null)
        .statusCode()).isEqualTo(200);
    assertThat(send("GET", "ValueSet/$expand?url="
        + URLEncoder.encode(SYSTEM + "?fhir_vs", StandardCharsets.UTF_8), reader, null).body()).contains("green");
  }

  @Test
  void aProvidersServiceAccountReadsButNeverWritesTheNationalTerminology() throws Exception {
    String provider = token(Map.of("grant_type", "client_credentials", "client_id", "provider-a",
        "client_secret", "provider-a-demo-secret", "scope", "system/*.cruds"));
    assertThat(send("GET", "CodeSystem/$lookup?system=" + SYSTEM + "&code=red", provider, null).statusCode())
        .isEqualTo(200);
    for (HttpResponse<String> refused : new HttpResponse[] {
        send("POST", "ValueSet", provider, "{\"resourceType\":\"ValueSet\",\"status\":\"draft\"}"),
        send("PUT", "CodeSystem/it-colours", provider, codeSystem("it-colours")),
        send("DELETE", "CodeSystem/it-colours", provider, null)}) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("SIHHA-1380");
    }
    assertThat(send("GET", "CodeSystem/it-colours", provider, null).body()).contains("\"green\"");
  }

  @Test
  void writesNeedRoleSystemOrTerminologist() throws Exception {
    for (HttpResponse<String> refused : new HttpResponse[] {
        send("POST", "CodeSystem", reader, codeSystem(null)),
        send("PUT", "CodeSystem/it-colours", reader, codeSystem("it-colours")),
        send("DELETE", "CodeSystem/it-colours", reader, null),
        send("POST", "CodeSystem/$load?loader=ucum", reader, "<root/>")}) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("OperationOutcome").contains("SIHHA-1380");
    }
    String terminologist = user("terminologist", "openid");
    HttpResponse<String> created = send("POST", "CodeSystem", terminologist, codeSystem(null));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/CodeSystem/([^/]+).*", "$1");
    assertThat(send("DELETE", "CodeSystem/" + id, terminologist, null).statusCode()).isEqualTo(204);
  }

  private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/" + path))
        .header("Accept", "application/fhir+json")
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", body.startsWith("<") ? "application/xml" : "application/fhir+json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private static String codeSystem(String id) {
    CodeSystem codeSystem = new CodeSystem();
    codeSystem.setId(id);
    codeSystem.setUrl(id == null ? SYSTEM + "-2" : SYSTEM).setVersion("1").setName("ItColours")
        .setStatus(PublicationStatus.ACTIVE).setContent(CodeSystemContentMode.COMPLETE);
    codeSystem.addConcept().setCode("red").setDisplay("Red");
    codeSystem.addConcept().setCode("green").setDisplay("Green");
    return FHIR.newJsonParser().encodeResourceToString(codeSystem);
  }

  private String user(String name, String scope) throws Exception {
    return token(Map.of("grant_type", "password", "client_id", "sihha-dev-cli", "username", name, "password", name,
        "scope", scope));
  }

  private String token(Map<String, String> form) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(SharedKeycloak.tokenEndpoint()))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(body)).build(),
        BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonPath.read(response.body(), "$.access_token");
  }
}
