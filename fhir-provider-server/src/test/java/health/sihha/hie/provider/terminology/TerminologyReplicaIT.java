package health.sihha.hie.provider.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import health.sihha.hie.provider.security.RealmTokens;
import health.sihha.hie.server.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The replica end to end: a real terminology server and a real provider, each in its own JVM. The terminology server
 * requires tokens of the shared Keycloak's realm; the provider's replica sends client-credentials tokens of client
 * provider-a. The provider syncs an ICD-10-CM excerpt (complete) and a LOINC fragment, then keeps validating writes
 * with the terminology server stopped, and again after its own restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class TerminologyReplicaIT {

  private static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
  private static final String LOINC = "http://loinc.org";
  private static final String UCUM = "http://unitsofmeasure.org";
  private static final int ICD10CM_ROWS = 3000;
  private static final Duration START_UP = Duration.ofSeconds(400);
  /** The terminology server's demo base, which the realm's tokens name in aud. */
  private static final String TERMINOLOGY_AUDIENCE = "http://127.0.0.1:8090/fhir";

  private final FhirContext fhirContext = FhirContext.forR4Cached();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Path work = Path.of(System.getProperty("sihha.it.work-dir")).resolve("replica");
  private ServerProcess terminology;
  private ServerProcess provider;
  private List<String> providerArgs;

  @BeforeAll
  void startServersAndSync() throws Exception {
    deleteRecursively(work);
    Files.createDirectories(work.resolve("no-seed"));
    int terminologyPort = ServerProcess.freePort();
    terminology = ServerProcess.start("terminology", Path.of(System.getProperty("sihha.it.terminology-jar")), work,
        terminologyPort, List.of("--sihha.terminology.data-dir=" + work.resolve("terminology-store"),
            "--sihha.terminology.seed-dir=" + work.resolve("no-seed"),
            "--sihha.security.enabled=true",
            "--sihha.security.issuer=" + SharedKeycloak.realmUrl(),
            "--sihha.security.audience=" + TERMINOLOGY_AUDIENCE));
    providerArgs = List.of(
        "--sihha.security.enabled=false",
        "--sihha.provider.id=provider-it",
        "--sihha.terminology.replica.client-id=provider-a",
        "--sihha.terminology.replica.client-secret=provider-a-demo-secret",
        "--sihha.terminology.replica.token-endpoint=" + SharedKeycloak.tokenEndpoint(),
        "--sihha.provider.ministry-ingest-url=http://127.0.0.1:" + ServerProcess.freePort() + "/ingest",
        "--sihha.terminology.replica.source-url=" + terminology.fhirBase(),
        "--sihha.terminology.replica.sync-interval=2s",
        "--sihha.terminology.replica.invalid-units=REJECT");
    provider = startProvider(ServerProcess.freePort());
    terminology.awaitReady("/actuator/health/readiness", START_UP);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(terminology.fhirBase() + "/CodeSystem")).build(),
        BodyHandlers.discarding()).statusCode()).as("the terminology server without a token").isEqualTo(401);
    String ministry = RealmTokens.client("ministry", "ministry-demo-secret", "system/*.cruds");
    post(terminology.fhirBase() + "/CodeSystem", icd10cmExcerpt(), ministry, 201);
    post(terminology.fhirBase() + "/CodeSystem", loincFragment(), ministry, 201);
    provider.awaitReady("/actuator/health/readiness", START_UP);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> replicaDetail("codeSystems", Integer.class) == 2);
    System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, "replica synced 2 code systems ("
        + ICD10CM_ROWS + " + 3 concepts) in " + replicaDetail("lastSyncMillis", Integer.class) + " ms");
    terminology.close();
  }

  @AfterAll
  void stopServers() throws Exception {
    if (provider != null) {
      provider.close();
    }
    if (terminology != null) {
      terminology.close();
    }
  }

  @Test
  @Order(1)
  void validatesWritesWhileTheSourceIsDown() throws Exception {
    String patient = createPatient();
    post(provider.fhirBase() + "/Condition", condition("A00.0", patient), 201);
    assertRefused(condition("A00.99", patient), "Condition.code.coding[0]");
    post(provider.fhirBase() + "/Observation", observation("99999-9"), 201);
    await("the replica sees that its source is down").atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(replicaDetail("lastError", String.class)).isNotNull());
    Observation badUnit = observation("2160-0");
    badUnit.setValue(new Quantity().setValue(1.1).setSystem(UCUM).setCode("mg//dL"));
    HttpResponse<String> refused = post(provider.fhirBase() + "/Observation", badUnit, 422);
    assertThat(refused.body()).contains("Observation.valueQuantity").contains("mg//dL");
    Observation goodUnit = observation("2160-0");
    goodUnit.setValue(new Quantity().setValue(1.1).setSystem(UCUM).setCode("mg/dL"));
    post(provider.fhirBase() + "/Observation", goodUnit, 201);
  }

  @Test
  @Order(2)
  void theReplicaSurvivesARestartOfTheProvider() throws Exception {
    int port = provider.port();
    provider.close();
    provider = startProvider(port);
    provider.awaitReady("/actuator/health/readiness", START_UP);
    assertThat(replicaDetail("lastSync", String.class)).isEqualTo("never");
    assertThat(replicaDetail("codeSystems", Integer.class)).isEqualTo(2);
    String patient = createPatient();
    assertRefused(condition("A00.99", patient), "Condition.code.coding[0]");
    post(provider.fhirBase() + "/Condition", condition("A00.1", patient), 201);
  }

  private ServerProcess startProvider(int port) throws IOException {
    return ServerProcess.start("provider", Path.of(System.getProperty("sihha.it.provider-jar")), work, port,
        providerArgs);
  }

  private void assertRefused(IBaseResource resource, String path) throws Exception {
    HttpResponse<String> response = post(provider.fhirBase() + "/" + resource.fhirType(), resource, 422);
    OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
    assertThat(outcome.getIssue()).hasSize(1);
    assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo(path);
    assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(ICD10CM).contains("A00.99");
  }

  private <T> T replicaDetail(String name, Class<T> type) throws Exception {
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + provider.port() + "/actuator/health")).build(), BodyHandlers.ofString());
    List<T> found = JsonPath.parse(health.body()).read("$.components.terminologyReplica.details[?(@." + name
        + ")]." + name);
    return found.isEmpty() ? null : type.cast(found.get(0));
  }

  private HttpResponse<String> post(String url, IBaseResource resource, int expectedStatus) throws Exception {
    return post(url, resource, null, expectedStatus);
  }

  private HttpResponse<String> post(String url, IBaseResource resource, String token, int expectedStatus)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/fhir+json")
        .POST(BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(resource)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST " + url + ": " + response.body()).isEqualTo(expectedStatus);
    return response;
  }

  /** A patient of the provider, with the national identifier its profile requires; returns its reference. */
  private String createPatient() throws Exception {
    Patient patient = new Patient();
    patient.addName().setFamily("Replica");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    HttpResponse<String> created = post(provider.fhirBase() + "/Patient", patient, 201);
    return fhirContext.newJsonParser().parseResource(Patient.class, created.body()).getIdElement()
        .toUnqualifiedVersionless().getValue();
  }

  private static Condition condition(String icd10cm, String patient) {
    Condition condition = new Condition().setSubject(new Reference(patient));
    condition.getCode().addCoding().setSystem(ICD10CM).setCode(icd10cm);
    return condition;
  }

  private static Observation observation(String loinc) {
    Observation observation = new Observation();
    observation.setStatus(ObservationStatus.FINAL);
    observation.getCode().addCoding().setSystem(LOINC).setCode(loinc);
    return observation;
  }

  private static CodeSystem icd10cmExcerpt() throws IOException {
    CodeSystem codeSystem = new CodeSystem();
    codeSystem.setUrl(ICD10CM).setVersion("2021").setName("ICD10CM").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystemContentMode.COMPLETE);
    try (Stream<String> lines = Files.lines(Path.of(System.getProperty("sihha.it.icd10cm-csv")))) {
      lines.skip(1).limit(ICD10CM_ROWS).forEach(line -> {
        String[] columns = line.split(",", 3);
        String display = columns[2].startsWith("\"") ? columns[2].substring(1, columns[2].length() - 1)
            : columns[2];
        codeSystem.addConcept().setCode(columns[0]).setDisplay(display.replace("\"\"", "\""));
      });
    }
    return codeSystem;
  }

  private static CodeSystem loincFragment() {
    CodeSystem codeSystem = new CodeSystem();
    codeSystem.setUrl(LOINC).setVersion("2.77").setName("LOINC").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystemContentMode.FRAGMENT);
    codeSystem.addConcept().setCode("8480-6").setDisplay("Systolic blood pressure");
    codeSystem.addConcept().setCode("8462-4").setDisplay("Diastolic blood pressure");
    codeSystem.addConcept().setCode("2339-0").setDisplay("Glucose [Mass/volume] in Blood");
    return codeSystem;
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }
}
