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
import org.junit.jupiter.api.Test;

/**
 * Writes to one free bed at the same moment: of two admissions one wins and the other gets 409, the bed ends occupied
 * once; of an admission and the bed's delete, exactly one is stored.
 */
class BedRaceTest extends ProviderServerTest {

  private static final int ROUNDS = 4;

  @Test
  void exactlyOneOfTwoSimultaneousAdmissionsGetsTheBed() throws Exception {
    Ward ward = new Ward(client(), "Emergency ward");
    String room = ward.room("Room 1");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String bed = ward.bed("Bed " + round, room, "U");
        List<String> patients = List.of(ward.patient(), ward.patient());
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<String>> outcomes = new ArrayList<>();
        for (String patient : patients) {
          outcomes.add(threads.submit(() -> admitAfter(start, ward, patient, bed)));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
          results.add(outcome.get(60, TimeUnit.SECONDS));
        }

        assertThat(results).as("round %d: %s", round, results).filteredOn(r -> r.startsWith("admitted ")).hasSize(1);
        assertThat(results).as("round %d: %s", round, results).filteredOn(r -> r.startsWith("409 SIHHA-122"))
            .hasSize(1);
        String winner = results.stream().filter(r -> r.startsWith("admitted ")).findFirst().orElseThrow()
            .substring("admitted ".length());
        assertThat(ward.status(bed)).isEqualTo("O");
        assertThat(ward.hospitalizationsIn(bed)).containsExactly(winner);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void anAdmissionAndTheDeleteOfItsBedAtTheSameMomentNeverBothSucceed() throws Exception {
    Ward ward = new Ward(client(), "Day surgery");
    String room = ward.room("Room 1");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String bed = ward.bed("Bed " + round, room, "U");
        String patient = ward.patient();
        CyclicBarrier start = new CyclicBarrier(2);
        Future<String> admitted = threads.submit(() -> admitAfter(start, ward, patient, bed));
        Future<String> deleted = threads.submit(() -> outcome(start, () -> {
          client().delete().resourceById("Location", bed).execute();
          return "deleted";
        }));
        String admission = admitted.get(60, TimeUnit.SECONDS);
        String delete = deleted.get(60, TimeUnit.SECONDS);

        List<String> results = List.of(admission, delete);
        assertThat(results).as("round %d: %s", round, results)
            .filteredOn(r -> r.startsWith("admitted ") || r.equals("deleted")).hasSize(1);
        assertThat(results).as("round %d: %s", round, results).noneMatch(r -> r.startsWith("5"));
        if (delete.equals("deleted")) {
          assertThat(ward.hospitalizationsIn(bed)).as("round %d", round).isEmpty();
        } else {
          assertThat(ward.status(bed)).isEqualTo("O");
          assertThat(ward.hospitalizationsIn(bed)).containsExactly(admission.substring("admitted ".length()));
        }
      }
    } finally {
      threads.shutdownNow();
    }
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

  private String admitAfter(CyclicBarrier start, Ward ward, String patient, String bed) throws Exception {
    Encounter admission = ward.admission(patient, bed);
    IGenericClient client = client();
    return outcome(start, () -> "admitted " + client.create().resource(admission).execute().getId().getIdPart());
  }
}
