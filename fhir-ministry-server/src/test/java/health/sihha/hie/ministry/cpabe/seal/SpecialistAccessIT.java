package health.sihha.hie.ministry.cpabe.seal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.interceptors.cpabe.client.SealedResources;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import health.sihha.hie.ministry.ingest.Notifications;
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
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.FileSystemUtils;

/**
 * The demo realm's specialists against the default sealing rules, with their real tokens: a Condition labelled HIV,
 * PSY or SUD (by its ICD-10 code) delivered by provider-a opens for the physician of the matching specialty and is
 * refused (the sensitive rules' deny mode {@code forbid}: 403, SIHHA-1520, never the plaintext) to the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpecialistAccessIT {

  private static final String AUDIENCE = "http://127.0.0.1:8080/fhir";
  private static final String INGESTION_AUDIENCE = "http://127.0.0.1:8080/ingest";
  private static final String PROVIDER_BASE = "http://127.0.0.1:9/fhir";
  private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ServerProcess ministry;

  @BeforeAll
  void theMinistryWithThreeSensitiveConditions() throws Exception {
    Path work = Path.of(System.getProperty("sihha.it.work-dir")).resolve("specialist-access");
    FileSystemUtils.deleteRecursively(work);
    ministry = ServerProcess.start("ministry", Path.of(System.getProperty("sihha.it.ministry-jar")), work,
        ServerProcess.freePort(), List.of("--sihha.security.enabled=true",
            "--sihha.security.issuer=" + SharedKeycloak.realmUrl(), "--sihha.security.audience=" + AUDIENCE,
            "--sihha.ministry.ingestion-audience=" + INGESTION_AUDIENCE,
            "--sihha.ministry.providers[0].id=provider-a", "--sihha.ministry.providers[0].name=Provider A",
            "--sihha.ministry.providers[0].fhir-base=" + PROVIDER_BASE,
            "--sihha.terminology.replica.source-url=http://127.0.0.1:9/fhir"));
    ministry.awaitReady("/actuator/health/readiness", Duration.ofSeconds(600));

    Patient patient = new Patient();
    patient.setId("specialists");
    patient.addName().setFamily("Specialist-Patient");
    Bundle delivery = Notifications.from(PROVIDER_BASE, "specialists").written(1, patient, 1)
        .written(2, condition("hiv", "B20", "HIV disease, note hiv-secret"), 1)
        .written(3, condition("psy", "F32.9", "Depressive episode, note psy-secret"), 1)
        .written(4, condition("sud", "F10.20", "Alcohol dependence, note sud-secret"), 1).bundle();
    HttpResponse<String> delivered = send("POST", "/ingest/provider-a", client(),
        FHIR.newJsonParser().encodeResourceToString(delivery));
    assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
    List<String> statuses = JsonPath.read(delivered.body(), "$.entry[*].response.status");
    assertThat(statuses).as(delivered.body()).allMatch(status -> status.startsWith("200"));
  }

  @AfterAll
  void stop() throws Exception {
    ministry.close();
  }

  @ParameterizedTest(name = "{0} on the {1} condition")
  @CsvSource({
    "physician-infectious, hiv, true",
    "physician-infectious, psy, false",
    "physician-infectious, sud, false",
    "physician-psychiatry, hiv, false",
    "physician-psychiatry, psy, true",
    // the default substance-use rule admits psychiatrists as well as addiction medicine
    "physician-psychiatry, sud, true",
    "physician-addiction, hiv, false",
    "physician-addiction, psy, false",
    "physician-addiction, sud, true",
  })
  void eachSpecialistOpensOnlyWhatItsSpecialtyAllows(String user, String condition, boolean opens) throws Exception {
    HttpResponse<String> read = send("GET", "/fhir/Condition/provider-a." + condition, token(user), null);
    if (opens) {
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      assertThat(read.body()).contains(condition + "-secret").doesNotContain(SealedResources.SEALED_CONTENT);
    } else {
      assertThat(read.statusCode()).as(read.body()).isEqualTo(403);
      assertThat(read.body()).contains("SIHHA-1520").doesNotContain(condition + "-secret");
    }
  }

  @ParameterizedTest(name = "{0} searching every Condition")
  @CsvSource({"physician-infectious", "physician-psychiatry", "physician-addiction"})
  void aSearchSpanningTheOthersIsRefusedWhole(String user) throws Exception {
    HttpResponse<String> search = send("GET", "/fhir/Condition?subject=Patient/provider-a.specialists", token(user),
        null);
    assertThat(search.statusCode()).as(search.body()).isEqualTo(403);
    assertThat(search.body()).doesNotContain("-secret");
  }

  private static Condition condition(String id, String icd10, String text) {
    Condition condition = new Condition();
    condition.setId(id);
    condition.setSubject(new Reference("Patient/specialists"));
    condition.getCode().addCoding().setSystem(ICD10).setCode(icd10);
    condition.addNote().setText(text);
    return condition;
  }

  private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ministry.port() + path))
        .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/fhir+json");
    }
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  private static String client() throws Exception {
    return token(Map.of("grant_type", "client_credentials", "client_id", "provider-a", "client_secret",
        "provider-a-demo-secret", "scope", "system/*.cruds"));
  }

  private static String token(String user) throws Exception {
    return token(Map.of("grant_type", "password", "client_id", "sihha-dev-cli", "username", user, "password", user,
        "scope", "openid user/*.rs"));
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
