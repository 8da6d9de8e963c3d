package health.sihha.hie.ministry.isolation;

import static health.sihha.hie.ministry.isolation.Principal.ANALYST;
import static health.sihha.hie.ministry.isolation.Principal.CLINICIAN_A;
import static health.sihha.hie.ministry.isolation.Principal.CLINICIAN_B;
import static health.sihha.hie.ministry.isolation.Principal.MINISTRY_CLIENT;
import static health.sihha.hie.ministry.isolation.Principal.PATIENT_A;
import static health.sihha.hie.ministry.isolation.Principal.PATIENT_B;
import static health.sihha.hie.ministry.isolation.Principal.PROVIDER_A_CLIENT;
import static health.sihha.hie.ministry.isolation.Principal.PROVIDER_B_CLIENT;
import static health.sihha.hie.ministry.isolation.Principal.TERMINOLOGIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import health.sihha.hie.ministry.ingest.Notifications;
import health.sihha.hie.server.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * The cross-organisation matrix, with the realm's real tokens against every server of the system started as in the
 * demo (both providers, the ministry's national store and ingestion endpoint, the terminology server, Keycloak's
 * admin API): an organisation's credentials reach only that organisation's data, and only what its role allows.
 * Every cell asserts its status; the allowed ones also what the answer holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganisationIsolationIT {

  /** The demo FHIR bases the realm's tokens name in {@code aud}; the servers themselves run on random ports. */
  static final String PROVIDER_A_AUDIENCE = "http://127.0.0.1:8081/fhir";
  static final String PROVIDER_B_AUDIENCE = "http://127.0.0.1:8082/fhir";
  static final String MINISTRY_AUDIENCE = "http://127.0.0.1:8080/fhir";
  static final String INGESTION_AUDIENCE = "http://127.0.0.1:8080/ingest";
  static final String TERMINOLOGY_AUDIENCE = "http://127.0.0.1:8090/fhir";

  private static final Duration START_UP = Duration.ofSeconds(600);
  private static final Duration DELIVERY = Duration.ofSeconds(180);
  private static final String READINESS = "/actuator/health/readiness";
  private static final String SEALED_CONTENT = "https://sihha.health/fhir/StructureDefinition/sealed-content";
  private static final String SOURCE_SYSTEM = "https://sihha.health/fhir/CodeSystem/source-provider";
  private static final Set<Integer> DELETED = Set.of(200, 204);
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Map<Principal, String> tokens = new EnumMap<>(Principal.class);
  /** The test's notifications come from a Subscription of their own, numbered 1, 2, ... without gaps. */
  private static final String TEST_SUBSCRIPTION = "isolation-test";
  private static final AtomicLong NOTIFICATION_EVENTS = new AtomicLong();

  private final List<ServerProcess> servers = new ArrayList<>();
  private ServerProcess providerA;
  private ServerProcess providerB;
  private ServerProcess ministry;
  private ServerProcess terminology;
  private String patientA;
  private String patientB;

  @BeforeAll
  void theWholeSystemAndEveryonesTokens() throws Exception {
    Path work = Path.of(System.getProperty("sihha.it.work-dir")).resolve("isolation");
    FileSystemUtils.deleteRecursively(work);
    int ministryPort = ServerProcess.freePort();
    int providerAPort = ServerProcess.freePort();
    int providerBPort = ServerProcess.freePort();
    int terminologyPort = ServerProcess.freePort();
    terminology = start("terminology", System.getProperty("sihha.it.terminology-jar"), work, terminologyPort,
        List.of("--sihha.security.audience=" + TERMINOLOGY_AUDIENCE,
            "--sihha.terminology.data-dir=" + work.resolve("terminology-data"),
            "--sihha.terminology.seed-dir=" + work.resolve("no-seed")));
    ministry = start("ministry", System.getProperty("sihha.it.ministry-jar"), work, ministryPort, List.of(
        "--sihha.security.audience=" + MINISTRY_AUDIENCE,
        "--sihha.ministry.ingestion-audience=" + INGESTION_AUDIENCE,
        "--sihha.ministry.providers[0].id=provider-a", "--sihha.ministry.providers[0].name=Provider A",
        "--sihha.ministry.providers[0].fhir-base=http://127.0.0.1:" + providerAPort + "/fhir",
        "--sihha.ministry.providers[1].id=provider-b", "--sihha.ministry.providers[1].name=Provider B",
        "--sihha.ministry.providers[1].fhir-base=http://127.0.0.1:" + providerBPort + "/fhir",
        "--sihha.terminology.replica.source-url=http://127.0.0.1:" + terminologyPort + "/fhir",
        "--sihha.terminology.replica.client-secret=ministry-demo-secret"));
    providerA = start("provider-a", System.getProperty("sihha.it.provider-jar"), work, providerAPort,
        provider("provider-a", PROVIDER_A_AUDIENCE, ministryPort, terminologyPort));
    providerB = start("provider-b", System.getProperty("sihha.it.provider-jar"), work, providerBPort,
        provider("provider-b", PROVIDER_B_AUDIENCE, ministryPort, terminologyPort));
    for (ServerProcess server : servers) {
      server.awaitReady(READINESS, START_UP);
    }
    freshTokens();
    patientA = seedPatient(providerA, PROVIDER_A_CLIENT, "example-a", "Isolation-A", true);
    patientB = seedPatient(providerB, PROVIDER_B_CLIENT, "example-b", "Isolation-B", true);
    for (String national : List.of("provider-a." + patientA, "provider-b." + patientB)) {
      await().atMost(DELIVERY).until(() -> send("GET", ministry, "/fhir/Patient/" + national, MINISTRY_CLIENT, null)
          .statusCode() == 200);
    }
  }

  /** Tokens live five minutes; each case takes fresh ones. */
  @BeforeEach
  void freshTokens() throws Exception {
    for (Principal principal : Principal.values()) {
      tokens.put(principal, principal.token());
    }
  }

  @AfterAll
  void stopEverything() throws Exception {
    for (ServerProcess server : servers) {
      server.close();
    }
  }

  @Test
  void providerServers() throws Exception {
    for (ProviderCase site : List.of(
        new ProviderCase(providerA, PROVIDER_A_CLIENT, CLINICIAN_A, PATIENT_A, patientA),
        new ProviderCase(providerB, PROVIDER_B_CLIENT, CLINICIAN_B, PATIENT_B, patientB))) {
      for (Principal who : Principal.values()) {
        boolean own = who == site.client() || who == site.clinician();
        boolean ownPatient = who == site.patient();
        boolean sameAudience = own || ownPatient || who == MINISTRY_CLIENT;
        int refusal = sameAudience ? 403 : 401;
        String where = who + " at " + site.server().name();

        HttpResponse<String> read = send("GET", site.server(), "/fhir/Patient/" + site.patientId(), who, null);
        assertThat(read.statusCode()).as(where + " read").isEqualTo(own || ownPatient ? 200 : refusal);
        if (read.statusCode() == 200) {
          assertThat(read.body()).contains(site.patientId());
        }

        HttpResponse<String> search = send("GET", site.server(), "/fhir/Observation?patient=Patient/"
            + site.patientId(), who, null);
        assertThat(search.statusCode()).as(where + " search").isEqualTo(own || ownPatient ? 200 : refusal);
        if (search.statusCode() == 200) {
          List<String> subjects = JsonPath.read(search.body(), "$.entry[*].resource.subject.reference");
          assertThat(subjects).isNotEmpty().allMatch(s -> s.equals("Patient/" + site.patientId()));
        }

        HttpResponse<String> write = send("POST", site.server(), "/fhir/Patient", who, newPatient("Written-" + who));
        assertThat(write.statusCode()).as(where + " write").isEqualTo(own ? 201 : ownPatient ? 403 : refusal);

        String victim = seedPatient(site.server(), site.client(), null, "Victim", false);
        HttpResponse<String> delete = send("DELETE", site.server(), "/fhir/Patient/" + victim, who, null);
        if (own && delete.statusCode() == 409) {
          // a known race, not a refusal: a delete right after the create can meet the provider's background work on
          // the new version (HAPI-0826, stale state in the delete's flush); a client sends a 409'd request again
          Thread.sleep(1000);
          delete = send("DELETE", site.server(), "/fhir/Patient/" + victim, who, null);
        }
        if (own) {
          assertThat(delete.statusCode()).as(where + " delete").isIn(DELETED);
        } else {
          assertThat(delete.statusCode()).as(where + " delete").isEqualTo(ownPatient ? 403 : refusal);
          assertThat(send("GET", site.server(), "/fhir/Patient/" + victim, site.client(), null).statusCode())
              .as(where + " delete left the patient").isEqualTo(200);
        }

        HttpResponse<String> subscription = send("POST", site.server(), "/fhir/Subscription", who,
            restHook("https://collector.example.org/hook"));
        assertThat(subscription.statusCode()).as(where + " subscription")
            .isEqualTo(who == site.client() ? 422 : own || ownPatient ? 403 : refusal);

        HttpResponse<String> history = send("GET", site.server(), "/fhir/Patient/" + site.patientId() + "/_history",
            who, null);
        assertThat(history.statusCode()).as(where + " history")
            .isEqualTo(own || ownPatient || who == MINISTRY_CLIENT ? 200 : refusal);
      }
    }
  }

  @Test
  void theNationalStore() throws Exception {
    String national = "provider-a." + patientA;
    for (Principal who : Principal.values()) {
      boolean reader = who == MINISTRY_CLIENT || who == ANALYST;
      String where = who + " at the national store";
      HttpResponse<String> read = send("GET", ministry, "/fhir/Patient/" + national, who, null);
      assertThat(read.statusCode()).as(where + " read").isEqualTo(reader ? 200 : 401);
      HttpResponse<String> search = send("GET", ministry, "/fhir/Patient?_count=200", who, null);
      assertThat(search.statusCode()).as(where + " search").isEqualTo(reader ? 200 : 401);
      if (reader) {
        List<String> sources = JsonPath.read(search.body(), "$.entry[*].resource.meta.tag[?(@.system == '"
            + SOURCE_SYSTEM + "')].code");
        assertThat(sources).isNotEmpty().allMatch(s -> s.equals("provider-a") || s.equals("provider-b"));
      }
      HttpResponse<String> write = send("POST", ministry, "/fhir/Patient", who, newPatient("National-" + who));
      assertThat(write.statusCode()).as(where + " write").isEqualTo(reader ? 405 : 401);
      HttpResponse<String> delete = send("DELETE", ministry, "/fhir/Patient/" + national, who, null);
      assertThat(delete.statusCode()).as(where + " delete").isEqualTo(reader ? 405 : 401);
    }
    assertThat(send("GET", ministry, "/fhir/Patient/" + national, MINISTRY_CLIENT, null).body()).contains("Isolation-A");
    assertThat(send("GET", ministry, "/fhir/Patient/" + national, ANALYST, null).body())
        .as("an analyst's key does not open a patient's identity: the sealed form, never the name")
        .contains(SEALED_CONTENT).doesNotContain("Isolation-A");
  }

  /**
   * The ministry's operator operations (the ledger witness, reconciliation) are for its service accounts and its
   * facility-admins: an analyst, who reads the national store, is refused them, and other organisations' tokens do not
   * even reach them.
   */
  @Test
  void theMinistrysOperatorOperations() throws Exception {
    for (Principal who : Principal.values()) {
      for (String[] operation : List.of(new String[] {"GET", "/fhir/$ledger-witness"},
          new String[] {"POST", "/fhir/$ledger-witness-check?provider=provider-a"},
          new String[] {"GET", "/fhir/$reconcile-status"})) {
        HttpResponse<String> answer = send(operation[0], ministry, operation[1], who, null);
        String where = who + " " + operation[0] + " " + operation[1];
        if (who == MINISTRY_CLIENT) {
          assertThat(answer.statusCode()).as(where).isEqualTo(200);
        } else if (who == ANALYST) {
          assertThat(answer.statusCode()).as(where).isEqualTo(403);
          assertThat(answer.body()).as(where).contains("SIHHA-1124");
        } else {
          assertThat(answer.statusCode()).as(where).isEqualTo(401);
        }
      }
    }
  }

  @Test
  void theIngestionEndpoint() throws Exception {
    for (Principal who : Principal.values()) {
      String where = who + " delivering as provider-a";
      Patient delivered = newPatient("Delivered-" + who);
      delivered.setId("isolation-" + who.name().toLowerCase().replace('_', '-'));
      HttpResponse<String> post = send("POST", ministry, "/ingest/provider-a", who,
          notification("provider-a", delivered));
      if (who == PROVIDER_A_CLIENT) {
        assertThat(post.statusCode()).as(where).isEqualTo(200);
        assertThat(eventStatuses(post)).as(where).containsExactly("200");
      } else {
        assertThat(post.statusCode()).as(where).isEqualTo(who == PROVIDER_B_CLIENT ? 403 : 401);
      }
    }
    Patient overwrite = newPatient("Overwritten");
    overwrite.setId(patientB);
    HttpResponse<String> crossProvider = send("POST", ministry, "/ingest/provider-b", PROVIDER_A_CLIENT,
        notification("provider-b", overwrite));
    assertThat(crossProvider.statusCode()).as("provider-a writing provider-b's source").isEqualTo(403);
    assertThat(crossProvider.body()).contains("SIHHA-1142");
    assertThat(send("GET", ministry, "/fhir/Patient/provider-b." + patientB, MINISTRY_CLIENT, null).body())
        .contains("Isolation-B").doesNotContain("Overwritten");
  }

  @Test
  void aConsentNamingAnotherProvidersPatientWithdrawsNothingOfIt() throws Exception {
    String national = "provider-b." + patientB;
    Consent foreign = optOut("isolation-absolute", "Patient/" + national);
    foreign.getPatient().setReference("http://127.0.0.1:" + ministry.port() + "/fhir/Patient/" + national);
    HttpResponse<String> absolute = send("POST", ministry, "/ingest/provider-a", PROVIDER_A_CLIENT,
        notification("provider-a", foreign));
    assertThat(absolute.statusCode()).as(absolute.body()).isEqualTo(200);
    assertThat(eventStatuses(absolute)).as("the event is rejected, not applied").containsExactly("422");
    assertThat(absolute.body()).contains("SIHHA-1104");

    HttpResponse<String> relative = send("POST", ministry, "/ingest/provider-a", PROVIDER_A_CLIENT,
        notification("provider-a", optOut("isolation-relative", "Patient/" + national)));
    assertThat(eventStatuses(relative)).as("a relative id stays in provider-a's namespace").containsExactly("200");

    HttpResponse<String> intact = send("GET", ministry, "/fhir/Patient/" + national, MINISTRY_CLIENT, null);
    assertThat(intact.statusCode()).isEqualTo(200);
    assertThat(intact.body()).contains("Isolation-B");
  }

  /** A notification of {@code provider}'s test Subscription carrying {@code resource} as its version 1. */
  private Bundle notification(String provider, Resource resource) {
    String base = "http://127.0.0.1:" + (provider.equals("provider-a") ? providerA : providerB).port() + "/fhir";
    return Notifications.from(base, TEST_SUBSCRIPTION).written(NOTIFICATION_EVENTS.incrementAndGet(), resource, 1).bundle();
  }

  /** The status code of each event in a batch-response, e.g. {@code 200}. */
  private static List<String> eventStatuses(HttpResponse<String> batchResponse) {
    List<String> statuses = JsonPath.read(batchResponse.body(), "$.entry[*].response.status");
    return statuses.stream().map(status -> status.split(" ")[0]).toList();
  }

  @Test
  void theTerminologyServer() throws Exception {
    for (Principal who : Principal.values()) {
      String where = who + " at the terminology server";
      HttpResponse<String> read = send("GET", terminology, "/fhir/CodeSystem?_count=1", who, null);
      assertThat(read.statusCode()).as(where + " read").isEqualTo(200);
      HttpResponse<String> write = send("POST", terminology, "/fhir/ValueSet", who, valueSet(who));
      boolean maintainer = who == TERMINOLOGIST || who == MINISTRY_CLIENT;
      assertThat(write.statusCode()).as(where + " write").isEqualTo(maintainer ? 201 : 403);
    }
  }

  @Test
  void theOperationsSurface() throws Exception {
    for (ServerProcess server : servers) {
      assertThat(send("GET", server, "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
      HttpResponse<String> readiness = send("GET", server, READINESS, null, null);
      assertThat(readiness.statusCode()).isEqualTo(200);
      assertThat(readiness.body()).doesNotContain("components");
      for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/metrics")) {
        assertThat(send("GET", server, path, null, null).statusCode()).as(server.name() + path).isEqualTo(401);
      }
      for (Principal who : List.of(PROVIDER_A_CLIENT, CLINICIAN_A, ANALYST)) {
        assertThat(send("GET", server, "/actuator/prometheus", who, null).statusCode())
            .as(who + " at " + server.name()).isIn(401, 403);
      }
    }
  }

  @Test
  void keycloakAdminApi() throws Exception {
    String users = SharedKeycloak.baseUrl() + "/admin/realms/" + SharedKeycloak.REALM + "/users?search=nurse-a";
    HttpResponse<String> fromB = HTTP.send(HttpRequest.newBuilder(URI.create(users))
        .header("Authorization", "Bearer " + tokens.get(PROVIDER_B_CLIENT)).build(), BodyHandlers.ofString());
    assertThat(fromB.statusCode()).isIn(200, 403);
    assertThat(fromB.body()).doesNotContain("nurse-a");
    for (Principal who : List.of(CLINICIAN_A, ANALYST, PATIENT_A)) {
      HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(users))
          .header("Authorization", "Bearer " + tokens.get(who)).build(), BodyHandlers.ofString());
      assertThat(other.statusCode()).as(who.name()).isEqualTo(403);
    }
  }

  private record ProviderCase(ServerProcess server, Principal client, Principal clinician, Principal patient,
      String patientId) {}

  private ServerProcess start(String name, String jar, Path work, int port, List<String> args) throws Exception {
    List<String> all = Stream.concat(Stream.of("--sihha.security.enabled=true",
        "--sihha.security.issuer=" + SharedKeycloak.realmUrl()), args.stream()).toList();
    ServerProcess server = ServerProcess.start(name, Path.of(jar), work, port, all);
    servers.add(server);
    return server;
  }

  private static List<String> provider(String id, String audience, int ministryPort, int terminologyPort) {
    return List.of("--sihha.provider.id=" + id, "--sihha.security.audience=" + audience,
        "--sihha.provider.ministry-ingest-url=http://127.0.0.1:" + ministryPort + "/ingest",
        "--sihha.terminology.replica.source-url=http://127.0.0.1:" + terminologyPort + "/fhir",
        "--sihha.terminology.replica.client-secret=" + id + "-demo-secret");
  }

  /** A Patient stored by the provider's own service account, with an Observation if asked; returns its id. */
  private String seedPatient(ServerProcess server, Principal owner, String id, String family, boolean observed)
      throws Exception {
    Patient patient = newPatient(family);
    String patientId;
    if (id != null) {
      patient.setId(id);
      HttpResponse<String> put = send("PUT", server, "/fhir/Patient/" + id, owner, patient);
      assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
      patientId = id;
    } else {
      HttpResponse<String> post = send("POST", server, "/fhir/Patient", owner, patient);
      assertThat(post.statusCode()).as(post.body()).isEqualTo(201);
      patientId = JsonPath.read(post.body(), "$.id");
    }
    if (!observed) {
      return patientId;
    }
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
    observation.getCode().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate"));
    observation.setSubject(new Reference("Patient/" + patientId));
    HttpResponse<String> stored = send("POST", server, "/fhir/Observation", owner, observation);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
    return patientId;
  }

  private static Patient newPatient(String family) {
    Patient patient = new Patient();
    patient.addName().setFamily(family).addGiven("Test");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    return patient;
  }

  private static Subscription restHook(String endpoint) {
    Subscription subscription = new Subscription();
    subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
    subscription.setReason("exfiltration attempt");
    subscription.setCriteria("Observation?");
    subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
        .setPayload("application/fhir+json");
    return subscription;
  }

  private static Consent optOut(String id, String patient) {
    Consent consent = new Consent();
    consent.setId(id);
    consent.setStatus(Consent.ConsentState.ACTIVE);
    consent.getMeta().setVersionId("1");
    consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
        "patient-privacy", null)));
    consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
    consent.setPatient(new Reference(patient));
    consent.addPolicy().setUri("https://sihha.health/fhir/policy/opt-out");
    consent.getProvision().setType(Consent.ConsentProvisionType.DENY).addActor()
        .setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP",
            null)))
        .setReference(new Reference().setIdentifier(new Identifier()
            .setSystem("https://sihha.health/fhir/sid/facility").setValue("ministry")));
    return consent;
  }

  private static ValueSet valueSet(Principal who) {
    ValueSet valueSet = new ValueSet();
    valueSet.setUrl("http://example.org/sihha/isolation/" + who.name().toLowerCase() + "/" + System.nanoTime());
    valueSet.setStatus(PublicationStatus.DRAFT);
    return valueSet;
  }

  private HttpResponse<String> send(String method, ServerProcess server, String path, Principal who,
      IBaseResource body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Accept", path.startsWith("/actuator") ? "application/json" : "application/fhir+json")
        .method(method, body == null ? BodyPublishers.noBody()
            : BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(body)));
    if (body != null) {
      request.header("Content-Type", "application/fhir+json");
    }
    if (who != null) {
      request.header("Authorization", "Bearer " + tokens.get(who));
    }
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }
}
