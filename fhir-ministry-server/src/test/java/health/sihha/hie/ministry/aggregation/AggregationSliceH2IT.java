package health.sihha.hie.ministry.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.sihha.hie.ig.NationalIdentifiers;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import health.sihha.hie.ministry.ingest.Notifications;
import health.sihha.hie.readme.ReadmeSections;
import health.sihha.hie.readme.ReadmeWalkThrough;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The aggregation slice on the embedded defaults (H2 files and Lucene on local disk), both servers secured: the
 * deliveries of the inherited tests only arrive if the provider's client-credentials tokens are taken at the
 * ministry; the tests here knock on the ministry's doors directly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AggregationSliceH2IT extends AggregationSliceIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The direct deliveries' own Subscription, so that they never collide with the provider's real event numbers. */
  private static final String DIRECT_SUBSCRIPTION = "slice-direct";

  private final AtomicLong directEvents = new AtomicLong();

  @Override
  List<String> ministryArgs() {
    return List.of();
  }

  @Override
  List<String> providerArgs() {
    return List.of();
  }

  @Override
  String variant() {
    return "h2";
  }

  @Override
  boolean secured() {
    return true;
  }

  @Test
  void theIngestionEndpointTakesOnlyTheProvidersOwnToken() throws Exception {
    String id = "direct-" + System.nanoTime();

    HttpResponse<String> anonymous = ingest(id, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Bearer"));
    assertThat(anonymous.body()).contains("OperationOutcome");

    HttpResponse<String> otherProvider = ingest(id, RealmTokens.client("provider-b", "system/*.cruds").token());
    assertThat(otherProvider.statusCode()).isEqualTo(403);
    assertThat(otherProvider.body()).contains("OperationOutcome").contains("cross-provider write");

    HttpResponse<String> clinician = ingest(id, RealmTokens.user("physician-a", "user/*.cruds").token());
    assertThat(clinician.statusCode()).as("a provider-a user's tokens do not name /ingest").isEqualTo(401);

    HttpResponse<String> own = ingest(id, RealmTokens.client(PROVIDER, "system/*.cruds").token());
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(own.body()).as("the event is applied").contains("\"status\":\"200");

    HttpResponse<String> audits = get(ministry.fhirBase() + "/AuditEvent?outcome=4&_count=200",
        RealmTokens.client("ministry", "system/*.rs").token());
    assertThat(audits.statusCode()).as(audits.body()).isEqualTo(200);
    JsonNode refusals = JSON.readTree(audits.body()).path("entry");
    assertThat(refusals.findValuesAsText("outcomeDesc")).as("the cross-provider write is audited at the ministry")
        .anySatisfy(description -> assertThat(description).contains("SIHHA-1142").contains("provider-b"));
    removeDirect(id);
  }

  @Test
  void theNationalStoreIsReadByTheMinistrysAnalystsNotByAProvidersClinicians() throws Exception {
    String id = "read-" + System.nanoTime();
    assertThat(ingest(id, RealmTokens.client(PROVIDER, "system/*.cruds").token()).statusCode()).isEqualTo(200);
    String url = ministry.fhirBase() + "/Patient/" + PROVIDER + "." + id;

    assertThat(get(url, RealmTokens.user("ministry-analyst", "user/*.rs").token()).statusCode()).isEqualTo(200);
    assertThat(get(url, RealmTokens.user("epidemiologist", "user/*.rs").token()).statusCode()).isEqualTo(200);
    HttpResponse<String> clinician = get(url, RealmTokens.user("physician-a", "user/*.cruds").token());
    assertThat(clinician.statusCode()).as("a provider-a user's tokens do not name the national store").isEqualTo(401);
    assertThat(clinician.body()).contains("OperationOutcome");
    removeDirect(id);
  }

  @Test
  void theReadmesAggregationWalkThroughLoadsAPatientAndReconcilesAsWritten() throws Exception {
    Path synthea = syntheaPatient(0);
    assumeTrue(synthea.getFileName().toString().startsWith("Adan_Portillo"), "the README's Synthea patient");

    String output = readme("How aggregation works (flow 2)");

    assertThat(output).as("$reconcile-status and $reconcile").contains("\"name\":\"reconciliation\"")
        .contains("\"name\":\"at-provider\"");
    assertThat(output).as("the provider's $events").contains("\"name\":\"event-number\"");
    assertThat(output).as("the metrics").containsPattern("(?m)^sihha_ingest_resources_total\\{");
    String national = NationalIdentifiers.of(fhirContext.newJsonParser().parseResource(Bundle.class,
        Files.readString(synthea)).getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(Patient.class::isInstance).map(Patient.class::cast).map(patient -> {
          NationalIdentifiers.deriveFromSsn(patient);
          return patient;
        }).findFirst().orElseThrow()).orElseThrow().getValue();
    List<String> atProvider = providerClient().search().forResource(Patient.class)
        .where(Patient.IDENTIFIER.exactly().systemAndCode(SihhaIg.NATIONAL_ID_SYSTEM, national))
        .returnBundle(Bundle.class).execute().getEntry().stream()
        .map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
    assertThat(atProvider).as("the README's patient, loaded at the provider").isNotEmpty();
    await().atMost(DELIVERY).untilAsserted(() -> assertThat(atProvider).allSatisfy(id ->
        assertThat(ministryClient().read().resource(Patient.class).withId(PROVIDER + "." + id).execute()
            .getIdentifier()).as("delivered to the ministry").isNotEmpty()));
  }

  @Test
  void theReadmesIngestionRefusalsAnswerAsWritten() throws Exception {
    String output = readme("Aggregation security");

    assertThat(output).as("no token").containsPattern("(?m)^401$");
    assertThat(output).as("provider-b's token").containsPattern("(?m)^403$").contains("cross-provider write");
    assertThat(output).as("the analyst's read").contains("\"type\":\"searchset\"");
  }

  @Test
  void theReadmesIngestionAuditExampleListsTheImports() throws Exception {
    String output = readme("Ingestion audit at the ministry");

    assertThat(output).contains("\"resourceType\":\"Bundle\"").contains("110107");
  }

  @Test
  void theReadmesWitnessExampleChecksAndShowsTheProvidersHead() throws Exception {
    String output = readme("The ministry as witness");

    assertThat(output).as("$ledger-witness-check, then $ledger-witness").contains("\"name\":\"verdict\"")
        .contains("\"name\":\"treeHead\"").contains("\"valueString\":\"" + PROVIDER + "\"");
    assertThat(output.split("\"name\":\"consistent\",\"valueBoolean\":true", -1)).hasSize(3);
  }

  /** After the aggregation walk-through (default order), whose patient it looks up; before the epoch advance. */
  @Test
  @Order(Integer.MAX_VALUE - 1)
  void theReadmesLinkingExamplesFindThePersonOfTheLoadedPatient() throws Exception {
    assumeTrue(syntheaPatient(0).getFileName().toString().startsWith("Adan_Portillo"), "the README's Synthea patient");

    String output = readme("Operations (`/fhir` at the ministry)");

    assertThat(output).as("the person's $everything").contains("\"type\":\"searchset\"")
        .contains("\"resourceType\":\"Encounter\"").doesNotContain("Patient/null");
  }

  /** Last: an epoch advance starts the re-wrap job, which moves the national resources to new versions. */
  @Test
  @Order(Integer.MAX_VALUE)
  void theReadmesKeyExamplesDeliverAWrappedKeyAndAdvanceTheEpoch() throws Exception {
    String output = readme("Operations (`/fhir` at the ministry, all on the server's base)");

    assertThat(output).as("public parameters").contains("BLS12-381").contains("FABEO");
    assertThat(output).as("the user key, wrapped").contains("\"name\":\"wrappedKey\"")
        .contains("\"name\":\"clientKeyFingerprint\"");
    assertThat(output).as("the advance and the job").contains("\"name\":\"epoch\"").contains("RUNNING");
  }

  /** The README's blocks under {@code heading}, run as written against this slice's servers and the realm. */
  private String readme(String heading) throws Exception {
    Path work = Path.of(System.getProperty("sihha.it.work-dir"), "readme");
    Path folder = Files.createDirectories(work.resolve("run-" + System.nanoTime()));
    // the README's ../shared is beside the repository's folder, from which its examples run
    Path shared = work.resolve("shared");
    if (!Files.exists(shared, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(shared, Path.of("").toAbsolutePath().getParent().getParent().resolve("shared"));
    }
    ReadmeSections sections = new ReadmeSections(Path.of(System.getProperty("sihha.it.readme")));
    return new ReadmeWalkThrough(sections, Map.of("http://127.0.0.1:8080", "http://127.0.0.1:" + ministry.port(),
        "http://127.0.0.1:8081", "http://127.0.0.1:" + provider.port(), "http://127.0.0.1:8180",
        SharedKeycloak.baseUrl())).run(heading, folder);
  }

  /**
   * A notification of a test Subscription of provider-a carrying a new Patient {@code id}, posted to
   * {@code /ingest/provider-a} with {@code token} if not null. Only an applied event uses up its number, so the test
   * Subscription's numbers have no gap.
   */
  private HttpResponse<String> ingest(String id, String token) throws Exception {
    Patient patient = new Patient();
    patient.setId("Patient/" + id);
    patient.addName().setFamily("Direct");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    HttpResponse<String> response = post(Notifications.from(provider.fhirBase(), DIRECT_SUBSCRIPTION)
        .written(directEvents.get() + 1, patient, 1).bundle(), token);
    if (response.statusCode() == 200) {
      directEvents.incrementAndGet();
    }
    return response;
  }

  /** Deletes what a test delivered directly, as the provider would notify its deletion. */
  private void removeDirect(String id) throws Exception {
    HttpResponse<String> deleted = post(Notifications.from(provider.fhirBase(), DIRECT_SUBSCRIPTION)
        .deleted(directEvents.incrementAndGet(), "Patient", id, 2).bundle(),
        RealmTokens.client(PROVIDER, "system/*.cruds").token());
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
  }

  private HttpResponse<String> post(Bundle notification, String token) throws Exception {
    HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + ministry.port() + "/ingest/" + PROVIDER))
        .header("Content-Type", "application/fhir+json")
        .POST(BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(notification)));
    return HTTP.send(withToken(post, token).build(), BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json");
    return HTTP.send(withToken(get, token).build(), BodyHandlers.ofString());
  }

  private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }
}
