package health.sihha.hie.ministry.cpabe.keys;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.interceptors.cpabe.client.AppKeyPair;
import health.sihha.hie.interceptors.cpabe.client.UserKeyWrap;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import health.sihha.hie.server.testing.ServerProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * The attribute authority's operations secured, with the realm's real tokens against the ministry started as in the
 * demo: a national reader gets the public parameters and a key wrapped to its app; the key administrator moves the
 * epoch; a provider's physician and an analyst cannot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttributeAuthorityIT {

  private static final String AUDIENCE = "http://127.0.0.1:8080/fhir";
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ServerProcess ministry;

  @BeforeAll
  void theMinistry() throws Exception {
    Path work = Path.of(System.getProperty("sihha.it.work-dir")).resolve("attribute-authority");
    FileSystemUtils.deleteRecursively(work);
    ministry = ServerProcess.start("ministry", Path.of(System.getProperty("sihha.it.ministry-jar")), work,
        ServerProcess.freePort(), List.of("--sihha.security.enabled=true",
            "--sihha.security.issuer=" + SharedKeycloak.realmUrl(), "--sihha.security.audience=" + AUDIENCE,
            "--sihha.terminology.replica.source-url=http://127.0.0.1:9/fhir"));
    ministry.awaitReady("/actuator/health/readiness", Duration.ofSeconds(600));
  }

  @AfterAll
  void stop() throws Exception {
    ministry.close();
  }

  @Test
  void aReaderGetsParametersAndAKeyWrappedToItsApp() throws Exception {
    String analyst = user("ministry-analyst");
    HttpResponse<String> parameters = send("GET", "$cpabe-public-parameters", analyst, null, Map.of());
    assertThat(parameters.statusCode()).as(parameters.body()).isEqualTo(200);
    assertThat(parameters.body()).contains("BLS12-381");

    AppKeyPair app = AppKeyPair.generate();
    HttpResponse<String> delivered = send("POST", "$cpabe-user-key", analyst, clientKey(app.publicKeySpki()),
        Map.of());
    assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
    Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, delivered.body());
    UserKey key = UserKeyWrap.unwrap(app, answer.getParameter("subject").getValue().primitiveValue(),
        Long.parseLong(answer.getParameter("epoch").getValue().primitiveValue()),
        ((Base64BinaryType) answer.getParameter("wrappedKey").getValue()).getValue());
    assertThat(key.attributes()).extracting(Object::toString).contains("role:ministry-analyst", "facility:ministry");

    HttpResponse<String> badKey = send("POST", "$cpabe-user-key", analyst, clientKey(new byte[] {1, 2, 3}), Map.of());
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(badKey.body()).contains("SIHHA-1575");
    HttpResponse<String> breakGlass = send("POST", "$cpabe-user-key", analyst, clientKey(app.publicKeySpki()),
        Map.of(KeyDelivery.BREAK_GLASS_HEADER, "unconscious patient"));
    assertThat(breakGlass.statusCode()).isEqualTo(403);
    assertThat(breakGlass.body()).contains("SIHHA-1571");
  }

  @Test
  void onlyTheKeyAdministratorMovesTheEpoch() throws Exception {
    for (String other : List.of("ministry-analyst", "physician-a")) {
      HttpResponse<String> refused = send("POST", "$cpabe-advance-epoch", user(other), new Parameters(), Map.of());
      assertThat(refused.statusCode()).as(other + ": " + refused.body()).isIn(401, 403);
      assertThat(send("GET", "$cpabe-rewrap-status", user(other), null, Map.of()).statusCode()).isIn(401, 403);
    }
    String admin = user("key-admin");
    HttpResponse<String> advanced = send("POST", "$cpabe-advance-epoch", admin, new Parameters(), Map.of());
    assertThat(advanced.statusCode()).as(advanced.body()).isEqualTo(200);
    HttpResponse<String> status = send("GET", "$cpabe-rewrap-status", admin, null, Map.of());
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    assertThat(status.body()).contains("currentEpoch");
    HttpResponse<String> parameters = send("GET", "$cpabe-public-parameters", admin, null, Map.of());
    assertThat(parameters.statusCode()).as("a key administrator reads no national data, parameters included")
        .isEqualTo(403);
  }

  private static Parameters clientKey(byte[] spki) {
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("clientKey").setValue(new Base64BinaryType(spki));
    return parameters;
  }

  private HttpResponse<String> send(String method, String operation, String token, Parameters body,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ministry.fhirBase() + "/" + operation))
        .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token)
        .method(method, body == null ? BodyPublishers.noBody()
            : BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(body)));
    if (body != null) {
      request.header("Content-Type", "application/fhir+json");
    }
    headers.forEach(request::header);
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  private static String user(String user) throws Exception {
    Map<String, String> form = Map.of("grant_type", "password", "client_id", "sihha-dev-cli", "username", user,
        "password", user, "scope", "openid user/*.rs");
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
