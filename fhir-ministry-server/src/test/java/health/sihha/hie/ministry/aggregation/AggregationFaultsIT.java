package health.sihha.hie.ministry.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.server.testing.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * Flow 2 under failure, on PostgreSQL: one real provider feeding two real ministry instances that share one
 * database, through a {@link DeliveryProxy} that splits the feed between them round-robin. The ministry instances are
 * stopped and killed during a burst of writes, the provider is killed while deliveries are in flight, and
 * notifications are lost on the way; after each, the national store must come back to exactly the provider's content:
 * every resource equal to its source, nothing missing, nothing twice, no placeholder left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class AggregationFaultsIT {

  private static final String PROVIDER = "provider-a";
  private static final List<String> CHECKED = List.of("Patient", "Encounter", "Observation");
  private static final Duration START_UP = Duration.ofSeconds(600);
  private static final Duration CATCH_UP = Duration.ofSeconds(300);
  private static final String READINESS = "/actuator/health/readiness";
  private static final String URL = System.getProperty("sihha.it.postgres-url", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String USER = System.getProperty("sihha.it.postgres-user", "sihha");
  private static final String PASSWORD = System.getProperty("sihha.it.postgres-password", "sihha");
  private static final String MINISTRY_DB = "sihha_it_faults_ministry";
  private static final String PROVIDER_DB = "sihha_it_faults_provider";

  private final FhirContext fhirContext = FhirContext.forR4Cached();
  private final StoreComparison copies = new StoreComparison(fhirContext);
  private final List<ServerProcess> ministries = new ArrayList<>();
  private final int[] ministryPorts = {ServerProcess.freePort(), ServerProcess.freePort()};
  private final int providerPort = ServerProcess.freePort();
  private Path work;
  private DeliveryProxy proxy;
  private ServerProcess provider;
  private String patientId;

  @BeforeAll
  void start() throws Exception {
    for (String database : List.of(MINISTRY_DB, PROVIDER_DB)) {
      try (Connection connection = DriverManager.getConnection(URL + database, USER, PASSWORD);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
        statement.execute("CREATE SCHEMA public");
      }
    }
    work = Path.of(System.getProperty("sihha.it.work-dir")).resolve("faults");
    FileSystemUtils.deleteRecursively(work);
    // one after the other: the first creates the shared schema
    ministries.add(startMinistry(0));
    ministries.add(startMinistry(1));
    proxy = new DeliveryProxy(fhirContext, ServerProcess.freePort(),
        List.of("http://127.0.0.1:" + ministryPorts[0], "http://127.0.0.1:" + ministryPorts[1]));
    provider = startProvider();

    Patient patient = new Patient();
    patient.addName().setFamily("Faults").addGiven("Fay");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    patientId = providerClient().create().resource(patient).execute().getId().getIdPart();
  }

  @AfterAll
  void stop() throws Exception {
    if (provider != null) {
      provider.close();
    }
    for (ServerProcess ministry : ministries) {
      ministry.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  @Order(1)
  void aThousandWritesMadeWhileTheMinistryGoesDownArriveExactlyOnce() throws Exception {
    AtomicInteger written = new AtomicInteger();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<?>> writing = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      writing.add(writers.submit(() -> {
        while (written.incrementAndGet() <= 1000) {
          providerClient().create().resource(observation(written.get())).execute();
        }
        return null;
      }));
    }
    await().atMost(CATCH_UP).until(() -> written.get() >= 250);
    ministries.get(0).close();
    ministries.get(1).kill();
    for (Future<?> writer : writing) {
      writer.get();
    }
    writers.shutdown();
    ministries.set(0, startMinistry(0));
    ministries.set(1, startMinistry(1));

    awaitEqual("Observation");
    assertThat(versionsAt(ministryClient(), "Observation")).as("one national version per provider version")
        .isEqualTo(versionsAt(providerClient(), "Observation"));
  }

  @Test
  @Order(2)
  void aProviderKilledWhileDeliveringCompletesTheDeliveryAfterItsRestart() throws Exception {
    Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
    for (int i = 0; i < 200; i++) {
      transaction.addEntry().setResource(observation(i)).getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");
    }
    providerClient().transaction().withBundle(transaction).execute();
    provider.kill();
    provider = startProvider();

    awaitEqual("Observation");
  }

  @Test
  @Order(3)
  void lostNotificationsAreDetectedAndRepairedFromTheProvidersEvents() {
    long lostBefore = proxy.eventsLost();
    proxy.loseNextNotifications(3);
    for (int i = 0; i < 30; i++) {
      providerClient().create().resource(observation(i)).execute();
    }
    await().atMost(CATCH_UP).until(() -> proxy.eventsLost() > lostBefore);

    awaitEqual("Observation");
  }

  @Test
  @Order(4)
  void aPatientWrittenWithFiftyResourcesReferencingItKeepsItsContent() {
    Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
    Patient patient = new Patient();
    patient.addName().setFamily("Referenced").addGiven("Rita");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    transaction.addEntry().setFullUrl("urn:uuid:patient").setResource(patient).getRequest()
        .setMethod(HTTPVerb.POST).setUrl("Patient");
    Encounter encounter = new Encounter();
    encounter.setStatus(Encounter.EncounterStatus.FINISHED);
    encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
    encounter.setSubject(new Reference("urn:uuid:patient"));
    transaction.addEntry().setFullUrl("urn:uuid:encounter").setResource(encounter).getRequest()
        .setMethod(HTTPVerb.POST).setUrl("Encounter");
    for (int i = 0; i < 50; i++) {
      Observation observation = observation(i);
      observation.setSubject(new Reference("urn:uuid:patient"));
      observation.setEncounter(new Reference("urn:uuid:encounter"));
      transaction.addEntry().setResource(observation).getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");
    }
    providerClient().transaction().withBundle(transaction).execute();

    CHECKED.forEach(this::awaitEqual);
  }

  @Test
  @Order(5)
  void noPlaceholderIsLeftAndEveryCheckedTypeEqualsTheProvider() {
    for (String type : CHECKED) {
      assertThat(copies.placeholders(ministryClient(), type)).as(type + " placeholders at the ministry").isEmpty();
      assertThat(copies.differences(PROVIDER, type, providerClient(), ministryClient())).as(type).isEmpty();
    }
  }

  private void awaitEqual(String type) {
    await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
        assertThat(copies.differences(PROVIDER, type, providerClient(), ministryClient())).as(type).isEmpty());
  }

  private Observation observation(int value) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2339-0").setDisplay("Glucose");
    observation.setSubject(new Reference("Patient/" + patientId));
    observation.getValueQuantity().setValue(70 + value % 60).setUnit("mg/dL").setSystem("http://unitsofmeasure.org")
        .setCode("mg/dL");
    return observation;
  }

  private long versionsAt(IGenericClient client, String type) {
    Bundle history = client.history().onType(type).returnBundle(Bundle.class).count(1).execute();
    return history.getTotal();
  }

  private ServerProcess startMinistry(int index) throws Exception {
    ServerProcess ministry = ServerProcess.start("ministry-" + (index + 1),
        Path.of(System.getProperty("sihha.it.ministry-jar")), work, ministryPorts[index], Stream.concat(Stream.of(
            "--sihha.security.enabled=false",
            // both instances seal with the one master key of their shared database
            "--sihha.ministry.cpabe.master-key-file=" + work.resolve("keys/cpabe-master.key"),
            "--sihha.ministry.replication.heartbeat-period=10s",
            "--sihha.ministry.providers[0].id=" + PROVIDER,
            "--sihha.ministry.providers[0].name=Provider Faults",
            "--sihha.ministry.providers[0].fhir-base=http://127.0.0.1:" + providerPort + "/fhir"),
            database(MINISTRY_DB)).toList());
    ministry.awaitReady(READINESS, START_UP);
    return ministry;
  }

  private ServerProcess startProvider() throws Exception {
    ServerProcess started = ServerProcess.start("provider", Path.of(System.getProperty("sihha.it.provider-jar")),
        work, providerPort, Stream.concat(Stream.of(
            "--sihha.security.enabled=false",
            "--sihha.provider.id=" + PROVIDER,
            "--sihha.provider.name=Provider Faults",
            "--sihha.provider.ministry-ingest-url=" + proxy.ingestUrl(),
            // retries while the ministry is down at most 5 s apart, a killed replica's lease over within 10 s, and
            // a heartbeat every 10 s so that a lost last notification shows as well
            "--sihha.provider.outbox.backoff-max=5s",
            "--sihha.provider.outbox.lease=10s",
            "--sihha.provider.outbox.heartbeat-period=10s"),
            database(PROVIDER_DB)).toList());
    started.awaitReady(READINESS, START_UP);
    return started;
  }

  private static Stream<String> database(String name) {
    return Stream.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + URL + name,
        "--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD);
  }

  private IGenericClient providerClient() {
    return client(provider.fhirBase());
  }

  private IGenericClient ministryClient() {
    return client(ministries.get(0).fhirBase());
  }

  private IGenericClient client(String base) {
    fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    fhirContext.getRestfulClientFactory().setSocketTimeout(120_000);
    return fhirContext.newRestfulGenericClient(base);
  }
}
