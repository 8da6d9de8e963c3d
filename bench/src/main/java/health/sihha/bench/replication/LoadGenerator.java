package health.sihha.bench.replication;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes Observations at the providers at a fixed total rate, in turn: four in five are new, one in five updates an
 * earlier one of the same provider. The schedule does not wait for slow writes (a pool of writers takes them), so
 * the rate is the offered load; a write the provider refuses is counted, not retried.
 */
final class LoadGenerator {

  private static final int WRITERS = 8;

  private final List<String> providers;
  private final List<IGenericClient> clients;
  private final int rate;
  private final List<String> patients = new ArrayList<>();
  private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<String>> written = new ConcurrentHashMap<>();
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
  private Instant startedAt;
  private Instant stoppedAt;

  LoadGenerator(List<String> providers, List<IGenericClient> clients, int rate) {
    this.providers = List.copyOf(providers);
    this.clients = List.copyOf(clients);
    this.rate = rate;
  }

  /** One Patient per provider, the subject of its Observations. */
  void prepare() {
    for (int i = 0; i < providers.size(); i++) {
      Patient patient = new Patient();
      patient.addName().setFamily("Replication").addGiven(providers.get(i));
      patient.addIdentifier().setSystem("https://sihha.health/fhir/sid/national-id")
          .setValue(String.valueOf(1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L)));
      MethodOutcome outcome = clients.get(i).create().resource(patient).execute();
      patients.add(outcome.getId().getIdPart());
      written.put(providers.get(i), Collections.synchronizedList(new ArrayList<>()));
    }
  }

  void start() {
    startedAt = Instant.now();
    long periodNanos = 1_000_000_000L / rate;
    schedule.scheduleAtFixedRate(() -> {
      long n = offered.getAndIncrement();
      int provider = (int) (n % providers.size());
      writers.execute(() -> write(provider, n));
    }, 0, periodNanos, TimeUnit.NANOSECONDS);
  }

  /** Stops offering writes, waits for those in flight, and returns every accepted write. */
  List<Write> stop() {
    schedule.shutdownNow();
    writers.shutdown();
    try {
      writers.awaitTermination(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stoppedAt = Instant.now();
    synchronized (writes) {
      return List.copyOf(writes);
    }
  }

  ReplicationResults.Load summary() {
    double seconds = Duration.between(startedAt, stoppedAt).toMillis() / 1e3;
    return new ReplicationResults.Load(offered.get(), writes.size(), refused.get(), seconds, writes.size() / seconds);
  }

  private void write(int provider, long n) {
    String providerId = providers.get(provider);
    List<String> earlier = written.get(providerId);
    try {
      Observation observation = observation(patients.get(provider), n);
      MethodOutcome outcome;
      if (n % 5 == 4 && !earlier.isEmpty()) {
        observation.setId(earlier.get(ThreadLocalRandom.current().nextInt(earlier.size())));
        outcome = clients.get(provider).update().resource(observation).prefer(PreferReturnEnum.REPRESENTATION)
            .execute();
      } else {
        outcome = clients.get(provider).create().resource(observation).prefer(PreferReturnEnum.REPRESENTATION)
            .execute();
        earlier.add(outcome.getId().getIdPart());
      }
      Resource stored = (Resource) outcome.getResource();
      writes.add(new Write(providerId, "Observation", outcome.getId().getIdPart(),
          outcome.getId().getVersionIdPartAsLong(), stored.getMeta().getLastUpdated().toInstant()));
    } catch (RuntimeException refusedOrConflict) {
      refused.incrementAndGet();
    }
  }

  private static Observation observation(String patient, long n) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2339-0").setDisplay("Glucose");
    observation.setSubject(new Reference("Patient/" + patient));
    observation.getValueQuantity().setValue(60 + n % 90).setUnit("mg/dL").setSystem("http://unitsofmeasure.org")
        .setCode("mg/dL");
    return observation;
  }
}
