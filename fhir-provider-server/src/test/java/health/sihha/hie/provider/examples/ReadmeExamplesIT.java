package health.sihha.hie.provider.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import health.sihha.hie.provider.security.FhirRequests;
import health.sihha.hie.provider.security.RealmTokens;
import health.sihha.hie.provider.security.SecuredProvider;
import health.sihha.hie.readme.ReadmeSections;
import health.sihha.hie.readme.ReadmeWalkThrough;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's walk-throughs of the provider's services, run as written ({@link ReadmeWalkThrough}) against a
 * provider that takes the realm's tokens for provider-a's demo base ({@link SecuredProvider}), then checked on what
 * the provider prints and stores. The sections build on each other as the README's do
 * (the ward and the patient of rooms & beds are used by the later ones), so they run in the README's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ReadmeExamplesIT {

  private static final String DEMO_PROVIDER = "http://127.0.0.1:8081/fhir";
  private static final String DEMO_KEYCLOAK = "http://127.0.0.1:8180";

  private ReadmeSections readme;
  private ReadmeWalkThrough walkThrough;
  private FhirRequests fhir;
  private String token;

  @BeforeAll
  void readTheReadme() throws Exception {
    readme = new ReadmeSections(Path.of(System.getProperty("sihha.it.readme")));
    walkThrough = new ReadmeWalkThrough(readme, Map.of(DEMO_PROVIDER, SecuredProvider.fhirBase(),
        DEMO_KEYCLOAK, SharedKeycloak.baseUrl()));
    fhir = new FhirRequests(SecuredProvider.fhirBase());
    token = RealmTokens.client("provider-a", "provider-a-demo-secret", "system/*.cruds");
  }

  @Test
  @Order(1)
  void roomsAndBedsAdmitTransferAndDischargeAPatient() throws Exception {
    run("Rooms & beds and hospitalizations");

    assertThat(read("/Location/bed-c1a", "$.operationalStatus.code")).isEqualTo("H");
    assertThat(read("/Location/bed-c1b", "$.operationalStatus.code")).isEqualTo("H");
    assertThat(read("/Encounter/stay-1", "$.status")).isEqualTo("finished");
    String census = get("/Location/ward-cardio/$census");
    assertThat(integer(census, "total")).isEqualTo(2);
    assertThat(integer(census, "housekeeping")).isEqualTo(2);
  }

  @Test
  @Order(2)
  void personnelJoinAWardAndLeaveTheStaff() throws Exception {
    run("Personnel");

    String practitioners = get("/Practitioner?identifier=http://hl7.org/fhir/sid/us-npi%7C1234567893");
    List<Boolean> active = JsonPath.read(practitioners, "$.entry[*].resource.active");
    assertThat(active).containsExactly(false);
    String id = JsonPath.read(practitioners, "$.entry[0].resource.id");
    String roles = get("/PractitionerRole?practitioner=Practitioner/" + id);
    assertThat(JsonPath.<List<Boolean>>read(roles, "$.entry[*].resource.active")).containsExactly(false);
    assertThat(JsonPath.<List<String>>read(roles, "$.entry[*].resource.period.end")).singleElement().asString()
        .startsWith("2026-12-31");
  }

  @Test
  @Order(3)
  void aLabReportGetsItsCriticalInterpretation() throws Exception {
    run("Lab results");

    String potassium = get("/Observation?subject=Patient/amina&code=http://loinc.org%7C2823-3");
    assertThat(JsonPath.<List<String>>read(potassium, "$.entry[*].resource.interpretation[0].coding[0].code"))
        .containsExactly("LL");
  }

  @Test
  @Order(4)
  void medicationStockIsReceivedDispensedAndWatched() throws Exception {
    run("Medication stock");

    String stock = get("/Medication/metformin-m1/$stock");
    assertThat(JsonPath.<List<Double>>read(stock,
        "$.parameter[?(@.name=='item')].part[?(@.name=='quantity')].valueQuantity.value"))
        .containsExactly(140.0);
    String subscriptions = get("/Subscription?url=https://pharmacy.example/alerts");
    assertThat(JsonPath.<List<String>>read(subscriptions, "$.entry[*].resource.criteria"))
        .containsExactly("Flag?code=https://sihha.health/fhir/CodeSystem/stock-flag|low-stock&status=active");
  }

  @Test
  @Order(5)
  void aConsentRefusesThePhysicianUntilTheGlassIsBrokenAndIsRevoked() throws Exception {
    String output = run("Consent and break-glass", readme.jsonBlock("Consent and break-glass"));

    assertThat(output).as("the role without a reason").contains("SIHHA-1061").containsPattern("(?m)^403$");
    assertThat(output).as("the reason given").containsPattern("(?m)^200$");
    String consents = get("/Consent?patient=Patient/amina");
    String denying = "$.entry[?(@.resource.provision.actor[0].reference.identifier.value == '%s')].resource.";
    assertThat(JsonPath.<List<String>>read(consents, denying.formatted("provider-a") + "status"))
        .as("the directive denying provider-a, revoked").containsExactly("inactive");
    assertThat(JsonPath.<List<String>>read(consents, denying.formatted("ministry") + "status"))
        .as("the opt-out of the ministry").containsExactly("active");
    String consent = JsonPath.<List<String>>read(consents, denying.formatted("provider-a") + "id").get(0);
    String audits = get("/AuditEvent?entity=Consent/" + consent);
    assertThat(JsonPath.<List<String>>read(audits,
        "$.entry[?(@.resource.purposeOfEvent[0].coding[0].code == 'BTG')].resource.outcomeDesc"))
        .singleElement().asString().contains("unconscious in the emergency room");
    assertThat(get("/Observation?patient=Patient/amina")).as("revoked: provider-a reads the patient again")
        .contains("\"resourceType\":\"Observation\"");
  }

  @Test
  @Order(6)
  void theLedgerProvesVerifiesAndAuditsItself() throws Exception {
    String output = run("Ledger at the provider");

    assertThat(output).contains("\"name\":\"leafIndex\"");
    assertThat(output.split("\"name\":\"valid\",\"valueBoolean\":true", -1)).as("both versions verified").hasSize(3);
    assertThat(output.split("\"name\":\"consistent\",\"valueBoolean\":true", -1)).as("both proofs").hasSize(3);
    assertThat(output).contains("\"name\":\"intact\",\"valueBoolean\":true").doesNotContain("\"valueBoolean\":false");
  }

  @Test
  @Order(7)
  void aPrivacyOfficerSeesWhoAccessedTheRecordAndItsProof() throws Exception {
    String output = run("Audit");

    assertThat(output).as("the physician's break-glass search").contains("sihha-dev-cli")
        .contains("\"name\":\"ledgerProof\"").contains("\"name\":\"leafIndex\"");
  }

  @Test
  @Order(8)
  void theDeliveryBacklogIsShownReplayedAndReleased() throws Exception {
    String output = run("How delivery to the ministry works");

    assertThat(output).as("$status").contains("\"name\":\"status\"");
    assertThat(output).as("$events: the first events again").contains("\"type\":\"history\"")
        .contains("\"name\":\"event-number\"");
    assertThat(output).as("$retry of an event not parked").contains("{\"name\":\"released\",\"valueInteger\":0}");
  }

  @Test
  @Order(9)
  void aPatientWithoutNationalIdentifierIsRefusedWithTheProfilesReasons() throws Exception {
    String output = run("Validation on write");

    assertThat(output).containsPattern("(?m)^422$").contains("SIHHA-1200").contains("sihha-patient")
        .contains("SIHHA-1201").contains("Patient.identifier:nationalId");
    assertThat(get("/Patient?family=Anonymous")).as("nothing stored").doesNotContain("\"resource\"");
  }

  /**
   * Run from the repository's folder (the demo key's), against the realm only: the launch names the demo's provider
   * address, the audience the realm puts in provider-a's tokens.
   */
  @Test
  @Order(10)
  void eachKindOfTokenIsIssuedAndAnEhrLaunchRegistered() throws Exception {
    ReadmeWalkThrough againstTheRealm = new ReadmeWalkThrough(readme, Map.of(DEMO_KEYCLOAK,
        SharedKeycloak.baseUrl()));
    String output = againstTheRealm.run("Identity (Keycloak)", Path.of("").toAbsolutePath().getParent());

    assertThat(output.split("\"access_token\":\"ey", -1)).as("a user's, a server's, the backend service's")
        .hasSize(4);
    assertThat(output).contains("\"patient\":\"pat-42\"").contains("\"launch\":\"")
        .contains("\"aud\":\"" + DEMO_PROVIDER + "\"");
  }

  private String run(String heading) throws IOException, InterruptedException {
    return run(heading, null);
  }

  /** The section's blocks in a folder of its own holding the section's JSON block as {@code consent.json} if given. */
  private String run(String heading, String consentJson) throws IOException, InterruptedException {
    Path folder = Files.createTempDirectory("readme-example");
    if (consentJson != null) {
      Files.writeString(folder.resolve("consent.json"), consentJson);
    }
    return walkThrough.run(heading, folder);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = fhir.get(path, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private String read(String path, String jsonPath) throws Exception {
    return JsonPath.read(get(path), jsonPath);
  }

  private static int integer(String parameters, String name) {
    List<Integer> values = JsonPath.read(parameters, "$.parameter[?(@.name=='" + name + "')].valueInteger");
    assertThat(values).as(name).hasSize(1);
    return values.get(0);
  }
}
