package health.sihha.hie.provider.beds;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.sihha.hie.provider.ProviderServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes to one free bed at the same moment: of two admissions one wins and the other gets 409, the bed ends occupied
 * once; of an admission and the bed's delete, exactly one is stored.
 */
class BedRaceTest extends ProviderServerTest {

  private static final int ROUNDS = 4;

  private ExecutorService threads;

  @BeforeEach
  void twoThreads() {
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stopThem() {
    threads.shutdownNow();
  }

  @Test
  void exactlyOneOfTwoSimultaneousAdmissionsGetsTheBed() throws Exception {
    Ward ward = new Ward(client(), "Emergency ward");
    String room = ward.room("Room 1");
    for (int round = 0; round < ROUNDS; round++) {
      String bed = ward.bed("Bed " + round, room, "U");
      List<String> results = atTheSameMoment(admit(ward.admission(ward.patient(), bed)),
          admit(ward.admission(ward.patient(), bed)));

      assertThat(results).as("round %d: %s", round, results).filteredOn(r -> r.startsWith("admitted ")).hasSize(1);
      assertThat(results).as("round %d: %s", round, results).filteredOn(r -> r.startsWith("409 SIHHA-122"))
          .hasSize(1);
      String winner = results.stream().filter(r -> r.startsWith("admitted ")).findFirst().orElseThrow()
          .substring("admitted ".length());
      assertThat(ward.status(bed)).isEqualTo("O");
      assertThat(ward.hospitalizationsIn(bed)).containsExactly(winner);
    }
  }

  @Test
  void anAdmissionAndTheDeleteOfItsBedAtTheSameMomentNeverBothSucceed() throws Exception {
    Ward ward = new Ward(client(), "Day surgery");
    String room = ward.room("Room 1");
    for (int round = 0; round < ROUNDS; round++) {
      String bed = ward.bed("Bed " + round, room, "U");
      IGenericClient client = client();
      List<String> results = atTheSameMoment(admit(ward.admission(ward.patient(), bed)), () -> {
        client.delete().resourceById("Location", bed).execute();
        return "deleted";
      });

      assertThat(results).as("round %d: %s", round, results)
          .filteredOn(r -> r.startsWith("admitted ") || r.equals("deleted")).hasSize(1);
      assertThat(results).as("round %d: %s", round, results).noneMatch(r -> r.startsWith("5"));
      if (results.get(1).equals("deleted")) {
        assertThat(ward.hospitalizationsIn(bed)).as("round %d", round).isEmpty();
      } else {
        assertThat(ward.status(bed)).isEqualTo("O");
        assertThat(ward.hospitalizationsIn(bed)).containsExactly(results.get(0).substring("admitted ".length()));
      }
    }
  }

  /** Starts both writes at one moment (a barrier) and returns what each got: its result or "status diagnostics". */
  private List<String> atTheSameMoment(Callable<String> first, Callable<String> second) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<String>> running = List.of(threads.submit(() -> outcome(start, first)),
        threads.submit(() -> outcome(start, second)));
    List<String> results = new ArrayList<>();
    for (Future<String> write : running) {
      results.add(write.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  private static String outcome(CyclicBarrier start, Callable<String> write) throws Exception {
    start.await(30, TimeUnit.SECONDS);
    try {
      return write.call();
    } catch (BaseServerResponseException e) {
      String diagnostics = e.getOperationOutcome() instanceof OperationOutcome outcome
          ? outcome.getIssueFirstRep().getDiagnostics() : e.getMessage();
      return e.getStatusCode() + " " + diagnostics;
    }
  }

  private Callable<String> admit(Encounter admission) {
    IGenericClient client = client();
    return () -> "admitted " + client.create().resource(admission).execute().getId().getIdPart();
  }
}
