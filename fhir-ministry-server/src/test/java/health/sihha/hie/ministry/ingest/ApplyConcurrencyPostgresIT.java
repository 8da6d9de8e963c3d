package health.sihha.hie.ministry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.ministry.MinistryServerTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Applying under concurrency, on PostgreSQL (database {@code sihha_apply_ministry}, its schema emptied first): the
 * races of the measured bug, each checked by content: what the national store holds is what the provider's latest
 * version says, under national ids.
 */
@ActiveProfiles("postgres")
class ApplyConcurrencyPostgresIT extends MinistryServerTest {

  private static final String URL = System.getProperty("sihha.it.postgres-url", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String USER = System.getProperty("sihha.it.postgres-user", "sihha");
  private static final String PASSWORD = System.getProperty("sihha.it.postgres-password", "sihha");
  private static final String DATABASE = "sihha_apply_ministry";
  private static final String A = providerBase("provider-a");
  private static final String PLACEHOLDER = "http://hapifhir.io/fhir/StructureDefinition/resource-placeholder";

  private static ExecutorService threads;
  private final Random random = new Random();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL + DATABASE, USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
      statement.execute("CREATE SCHEMA public");
    }
    registry.add("spring.datasource.url", () -> URL + DATABASE);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> PASSWORD);
  }

  @BeforeAll
  static void startThreads() {
    threads = Executors.newFixedThreadPool(16);
  }

  @AfterAll
  static void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void ofVersionsAppliedConcurrentlyTheNewestStays() throws Exception {
    List<Patient> latest = new ArrayList<>();
    List<Runnable> deliveries = new ArrayList<>();
    for (int r = 0; r < 10; r++) {
      String id = newId();
      for (int version = 1; version <= 5; version++) {
        Patient patient = patient(id, "Version" + version);
        long event = r * 10L + version;
        int v = version;
        deliveries.add(() -> deliver("provider-a", Notifications.from(A).written(event, patient, v).bundle()));
        if (version == 5) {
          latest.add(patient);
        }
      }
    }
    concurrently(deliveries);

    latest.forEach(this::assertHeld);
  }

  @Test
  void aDeletionStaysWhateverOlderVersionArrivesWithOrAfterIt() throws Exception {
    List<String> ids = new ArrayList<>();
    List<Runnable> deliveries = new ArrayList<>();
    for (int r = 0; r < 10; r++) {
      String id = newId();
      ids.add(id);
      deliveries.add(() -> deliver("provider-a", Notifications.from(A).deleted(3, "Patient", id, 3).bundle()));
      for (int version = 1; version <= 2; version++) {
        Patient patient = patient(id, "Before" + version);
        int v = version;
        deliveries.add(() -> deliver("provider-a", Notifications.from(A).written(v, patient, v).bundle()));
      }
    }
    concurrently(deliveries);
    concurrently(ids.stream().<Runnable>map(id -> () -> deliver("provider-a",
        Notifications.from(A).written(2, patient(id, "Late"), 2).bundle())).toList());

    for (String id : ids) {
      assertThatThrownBy(() -> national(Patient.class, "provider-a." + id)).as("deleted, or never stored")
          .isInstanceOfAny(ResourceGoneException.class, ResourceNotFoundException.class);
    }
  }

  @Test
  void duplicatedReorderedAndReplayedNotificationsLeaveOneCorrectState() throws Exception {
    List<Bundle> notifications = new ArrayList<>();
    List<Patient> kept = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (int r = 0; r < 12; r++) {
      String id = newId();
      Notifications history = Notifications.from(A);
      for (int version = 1; version <= 3; version++) {
        Patient patient = patient(id, "Kept" + version);
        history.written(version, patient, version);
        notifications.add(Notifications.from(A).written(version, patient, version).bundle());
        if (version == 3) {
          kept.add(patient);
        }
      }
      notifications.add(history.bundle());
      if (r % 3 == 0) {
        notifications.add(Notifications.from(A).deleted(4, "Patient", id, 4).bundle());
        kept.remove(kept.size() - 1);
        deleted.add(id);
      }
    }
    List<Bundle> replayed = new ArrayList<>(notifications);
    replayed.addAll(notifications);
    replayed.addAll(notifications);
    Collections.shuffle(replayed, random);
    concurrently(replayed.stream().<Runnable>map(bundle -> () -> deliver("provider-a", bundle)).toList());

    kept.forEach(this::assertHeld);
    for (String id : deleted) {
      assertThatThrownBy(() -> national(Patient.class, "provider-a." + id)).as("deleted, or never stored")
          .isInstanceOfAny(ResourceGoneException.class, ResourceNotFoundException.class);
    }
  }

  @Test
  void aPatientDeliveredWithFiftyObservationsOfItInAnyOrderKeepsItsContent() throws Exception {
    for (int round = 0; round < 3; round++) {
      String patientId = newId();
      Patient patient = patient(patientId, "Referenced");
      patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.1").setValue(patientId);
      List<Observation> observations = new ArrayList<>();
      List<Runnable> deliveries = new ArrayList<>();
      deliveries.add(() -> deliver("provider-a", Notifications.from(A).written(1, patient, 1).bundle()));
      for (int i = 0; i < 50; i++) {
        Observation observation = IngestionTest.observation(newId(), patientId);
        observations.add(observation);
        long event = i + 2L;
        deliveries.add(() -> deliver("provider-a", Notifications.from(A).written(event, observation, 1).bundle()));
      }
      Collections.shuffle(deliveries, random);
      concurrently(deliveries);

      Patient held = assertHeld(patient);
      assertThat(held.hasExtension(PLACEHOLDER)).isFalse();
      observations.forEach(this::assertHeld);
      Bundle ofPatient = nationalStore().search().forResource(Observation.class)
          .where(Observation.SUBJECT.hasId("Patient/provider-a." + patientId)).count(100)
          .returnBundle(Bundle.class).execute();
      assertThat(ofPatient.getEntry()).hasSize(50);
    }
  }

  /** The national copy of {@code delivered} equals it, but for its id, references and meta. */
  private <T extends org.hl7.fhir.r4.model.Resource> T assertHeld(T delivered) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) delivered.getClass();
    String nationalId = "provider-a." + delivered.getIdElement().getIdPart();
    T stored = national(type, nationalId);
    T expected = type.cast(delivered.copy());
    expected.setId(delivered.fhirType() + "/" + nationalId);
    if (expected instanceof Observation observation) {
      observation.getSubject().setReference("Patient/provider-a."
          + observation.getSubject().getReferenceElement().getIdPart());
    }
    assertThat(encodeWithoutMeta(stored)).isEqualTo(encodeWithoutMeta(expected));
    return stored;
  }

  private String encodeWithoutMeta(org.hl7.fhir.r4.model.Resource resource) {
    org.hl7.fhir.r4.model.Resource copy = resource.copy();
    copy.setMeta(null);
    copy.setIdElement(copy.getIdElement().toUnqualifiedVersionless());
    return fhirContext.newJsonParser().encodeResourceToString(copy);
  }

  private <T extends org.hl7.fhir.instance.model.api.IBaseResource> T national(Class<T> type, String id) {
    return nationalStore().read().resource(type).withId(id).execute();
  }

  private static void concurrently(List<Runnable> deliveries) throws Exception {
    List<Runnable> shuffled = new ArrayList<>(deliveries);
    Collections.shuffle(shuffled);
    List<Future<?>> done = new ArrayList<>();
    shuffled.forEach(delivery -> done.add(threads.submit(delivery)));
    for (Future<?> future : done) {
      future.get(2, TimeUnit.MINUTES);
    }
  }

  private static Patient patient(String id, String family) {
    Patient patient = new Patient();
    patient.setId("Patient/" + id);
    patient.addName().setFamily(family).addGiven("Full");
    patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
    return patient;
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
