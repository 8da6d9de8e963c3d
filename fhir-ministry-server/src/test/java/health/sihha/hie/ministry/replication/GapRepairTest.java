package health.sihha.hie.ministry.replication;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.ministry.MinistryServerTest;
import health.sihha.hie.ministry.ingest.Notifications;
import java.util.UUID;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Events a provider numbered but never delivered are found by their numbers and fetched with {@code $events}. */
class GapRepairTest extends MinistryServerTest {

  private static FakeProvider provider;

  @Autowired
  private GapRepair repair;

  @BeforeAll
  static void startProvider() throws Exception {
    provider = new FakeProvider();
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void missingNumbersAndAHeartbeatAheadAreRepairedFromTheProvidersEvents() {
    String subscription = "gaps-" + UUID.randomUUID().toString().substring(0, 8);
    Patient[] patients = new Patient[8];
    for (int n = 1; n <= 7; n++) {
      patients[n] = patient(newId(), "Event" + n);
      provider.written(subscription, n, patients[n], 1);
    }
    provider.deleted(subscription, 8, "Patient", patients[2].getIdElement().getIdPart(), 2);
    deliver("provider-fake", Notifications.from(FakeProvider.BASE, subscription)
        .written(1, patients[1], 1).written(2, patients[2], 1).bundle());
    deliver("provider-fake", Notifications.from(FakeProvider.BASE, subscription).written(5, patients[5], 1).bundle());
    deliver("provider-fake", Notifications.heartbeat(FakeProvider.BASE, subscription, 8));
    assertThat(repair.gaps("provider-fake")).extracting(gap -> gap[0] + "-" + gap[1]).contains("3-4", "6-8");

    repair.repairAll();

    assertThat(repair.gaps("provider-fake")).isEmpty();
    for (int n : new int[] {3, 4, 6, 7}) {
      assertThat(nationalStore().read().resource(Patient.class)
          .withId("provider-fake." + patients[n].getIdElement().getIdPart()).execute().getNameFirstRep().getFamily())
          .isEqualTo("Event" + n);
    }
    assertThat(nationalStore().search().forResource(Patient.class)
        .where(Patient.RES_ID.exactly().code("provider-fake." + patients[2].getIdElement().getIdPart()))
        .returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntry()).as("event 8 deleted it").isEmpty();
  }

  @Test
  void aProviderSilentForTwoHeartbeatPeriodsIsAskedForWhatFollows() throws Exception {
    String subscription = "silent-" + UUID.randomUUID().toString().substring(0, 8);
    Patient delivered = patient(newId(), "Delivered");
    Patient lost = patient(newId(), "Lost");
    provider.written(subscription, 1, delivered, 1);
    provider.written(subscription, 2, lost, 1);
    deliver("provider-fake", Notifications.from(FakeProvider.BASE, subscription).written(1, delivered, 1).bundle());
    assertThat(repair.gaps("provider-fake")).as("nothing known to be missing yet").noneMatch(gap -> gap[0] == 2);

    Thread.sleep(2_500);
    repair.repairAll();

    assertThat(nationalStore().read().resource(Patient.class).withId("provider-fake." + lost.getIdElement()
        .getIdPart()).execute().getNameFirstRep().getFamily()).isEqualTo("Lost");
  }

  private static Patient patient(String id, String family) {
    Patient patient = new Patient();
    patient.setId("Patient/" + id);
    patient.addName().setFamily(family);
    return patient;
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
