package health.sihha.hie.ministry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import health.sihha.hie.server.testing.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * Two ministry instances on one PostgreSQL database ({@code sihha_apply_two_ministries}, schema emptied first), as
 * processes, taking one fake provider's deliveries at once, round-robin, each notification sent to both: the
 * ingestion state's row locks serialise them across instances, so nothing is stored twice, no newer version is lost
 * and no placeholder is left over a delivered resource.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoMinistriesIT {

  private static final String URL = System.getProperty("sihha.it.postgres-url", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String USER = System.getProperty("sihha.it.postgres-user", "sihha");
  private static final String PASSWORD = System.getProperty("sihha.it.postgres-password", "sihha");
  private static final String DATABASE = "sihha_apply_two_ministries";
  private static final String PROVIDER_BASE = "http://127.0.0.1:9/provider-a/fhir";
  private static final String PLACEHOLDER = "http://hapifhir.io/fhir/StructureDefinition/resource-placeholder";
  private static final Duration START_UP = Duration.ofSeconds(600);

  private final FhirContext fhirContext = FhirContext.forR4Cached();
  private final List<ServerProcess> ministries = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(16);

  @BeforeAll
  void startTwoMinistries() throws Exception {
    try (Connection connection = DriverManager.getConnection(URL + DATABASE, USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
      statement.execute("CREATE SCHEMA public");
    }
    Path work = Path.of(System.getProperty("sihha.it.work-dir")).resolve("two-ministries");
    FileSystemUtils.deleteRecursively(work);
    // one after the other: the first creates the schema, which the second then finds in place
    for (String name : List.of("ministry-1", "ministry-2")) {
      ServerProcess ministry = ServerProcess.start(name, Path.of(System.getProperty("sihha.it.ministry-jar")), work,
          ServerProcess.freePort(), List.of("--spring.profiles.active=postgres",
              "--spring.datasource.url=" + URL + DATABASE, "--spring.datasource.username=" + USER,
              "--spring.datasource.password=" + PASSWORD, "--sihha.security.enabled=false",
              // both instances seal with the one master key of their shared database
              "--sihha.ministry.cpabe.master-key-file=" + work.resolve("keys/cpabe-master.key"),
              "--sihha.ministry.providers[0].id=provider-a", "--sihha.ministry.providers[0].name=Provider A",
              "--sihha.ministry.providers[0].fhir-base=" + PROVIDER_BASE,
              "--sihha.ministry.replication.repair-interval=1h", "--sihha.ministry.replication.reconcile-interval=1h",
              "--sihha.terminology.replica.source-url=http://127.0.0.1:9/fhir"));
      ministries.add(ministry);
      ministry.awaitReady("/actuator/health/readiness", START_UP);
    }
  }

  @AfterAll
  void stopMinistries() throws Exception {
    threads.shutdownNow();
    for (ServerProcess ministry : ministries) {
      ministry.close();
    }
  }

  @Test
  void deliveriesSplitOverTwoInstancesLeaveEachResourceOnceInItsNewestVersion() throws Exception {
    List<Bundle> notifications = new ArrayList<>();
    List<Resource> newest = new ArrayList<>();
    List<String> patientIds = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      String patientId = UUID.randomUUID().toString();
      patientIds.add(patientId);
      for (int version = 1; version <= 4; version++) {
        Patient patient = new Patient();
        patient.setId("Patient/" + patientId);
        patient.addName().setFamily("Version" + version).addGiven("Two");
        patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.1").setValue(patientId);
        notifications.add(Notifications.from(PROVIDER_BASE).written(version, patient, version).bundle());
        if (version == 4) {
          newest.add(patient);
        }
      }
      for (int o = 0; o < 25; o++) {
        Observation observation = IngestionTest.observation(UUID.randomUUID().toString(), patientId);
        notifications.add(Notifications.from(PROVIDER_BASE).written(o + 10, observation, 1).bundle());
        newest.add(observation);
      }
    }
    List<Runnable> deliveries = new ArrayList<>();
    for (int i = 0; i < notifications.size(); i++) {
      Bundle notification = notifications.get(i);
      deliveries.add(deliveryTo(ministries.get(i % 2), notification));
      deliveries.add(deliveryTo(ministries.get((i + 1) % 2), notification));
    }
    Collections.shuffle(deliveries);
    List<Future<?>> done = new ArrayList<>();
    deliveries.forEach(delivery -> done.add(threads.submit(delivery)));
    for (Future<?> future : done) {
      future.get(5, TimeUnit.MINUTES);
    }

    IGenericClient national = client(ministries.get(0).fhirBase());
    for (Resource delivered : newest) {
      Resource stored = (Resource) national.read().resource(delivered.getClass())
          .withId("provider-a." + delivered.getIdElement().getIdPart()).execute();
      assertThat(stored.getMeta().getSource()).as("the newest version").endsWith("/_history/"
          + (delivered instanceof Patient ? 4 : 1));
      assertThat(withoutMeta(stored)).isEqualTo(withoutMeta(national(delivered)));
    }
    for (String patientId : patientIds) {
      Patient patient = national.read().resource(Patient.class).withId("provider-a." + patientId).execute();
      assertThat(patient.hasExtension(PLACEHOLDER)).isFalse();
      List<String> sources = national.history().onInstance("Patient/provider-a." + patientId)
          .returnBundle(Bundle.class).execute().getEntry().stream()
          .map(entry -> entry.getResource().getMeta().getSource()).filter(source -> source != null).toList();
      assertThat(sources).as("each source version stored once at most").doesNotHaveDuplicates();
    }
  }

  private Runnable deliveryTo(ServerProcess ministry, Bundle notification) {
    return () -> client("http://127.0.0.1:" + ministry.port() + "/ingest/provider-a").transaction()
        .withBundle(notification).execute();
  }

  private static Resource national(Resource delivered) {
    Resource expected = delivered.copy();
    expected.setId(delivered.fhirType() + "/provider-a." + delivered.getIdElement().getIdPart());
    if (expected instanceof Observation observation) {
      observation.getSubject().setReference("Patient/provider-a."
          + observation.getSubject().getReferenceElement().getIdPart());
    }
    return expected;
  }

  private String withoutMeta(Resource resource) {
    Resource copy = resource.copy();
    copy.setMeta(null);
    copy.setIdElement(copy.getIdElement().toUnqualifiedVersionless());
    return fhirContext.newJsonParser().encodeResourceToString(copy);
  }

  private IGenericClient client(String base) {
    fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    // a provider waits its notification's backport-timeout (30 s): deliveries of one patient queue on its lock
    fhirContext.getRestfulClientFactory().setSocketTimeout(30_000);
    return fhirContext.newRestfulGenericClient(base);
  }
}
