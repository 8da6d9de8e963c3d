package health.sihha.hie.provider.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Stock levels live in the database transaction of the write: a transaction Bundle commits its receipts and
 * dispenses together or not at all, and concurrent dispenses never overdraw.
 */
class StockTransactionTest extends StockTest {

  private static final String MED_URN = "urn:uuid:4e0c2f7a-6d7e-4f0e-9a53-1c2b3d4e5f60";

  @Test
  void receiptAndDispenseOfANewBatchInOneBundle() {
    String pharmacy = location("Pharmacy");
    Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
    post(transaction, batch(METFORMIN, "T-1", "2099-12-31"), MED_URN);
    post(transaction, delivery(MED_URN, pharmacy, 50), null);
    post(transaction, dispense(MED_URN, pharmacy, 20), null);

    Bundle response = client().transaction().withBundle(transaction).execute();

    String batch = response.getEntryFirstRep().getResponse().getLocation().replaceAll("/_history/.*", "");
    assertThat(batch).startsWith("Medication/");
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("30");
  }

  /**
   * Proof that the JDBC writes join HAPI's transaction: the refusal sees the receipt of the same Bundle (15 on hand),
   * and afterwards that receipt is gone with the rest of the Bundle (10 on hand, no new Medication).
   */
  @Test
  void aRefusedDispenseRollsBackTheWholeBundle() {
    String pharmacy = location("Pharmacy");
    String batch = medication(METFORMIN, "T-2", "2099-12-31");
    receive(batch, pharmacy, 10);
    long medications = count(Medication.class);
    Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
    post(transaction, batch(METFORMIN, "T-3", "2099-12-31"), MED_URN);
    post(transaction, delivery(batch, pharmacy, 5), null);
    post(transaction, dispense(batch, pharmacy, 100), null);

    assertRefused(() -> client().transaction().withBundle(transaction).execute(), 409, 1250);
    assertThatThrownBy(() -> client().transaction().withBundle(transaction).execute())
        .hasMessageContaining("15 on hand of " + batch);

    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("10");
    assertThat(count(Medication.class)).isEqualTo(medications);
  }

  @Test
  void concurrentDispensesNeverOverdraw() throws Exception {
    String pharmacy = location("Pharmacy");
    String batch = medication(METFORMIN, "T-4", "2099-12-31");
    receive(batch, pharmacy, 10);
    int perThread = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<Integer>> dispensed = new ArrayList<>();
    for (int thread = 0; thread < 2; thread++) {
      dispensed.add(threads.submit(() -> {
        start.await();
        int given = 0;
        for (int i = 0; i < perThread; i++) {
          try {
            give(batch, pharmacy, 1);
            given++;
          } catch (ResourceVersionConflictException refused) {
            assertThat(refused.getMessage()).contains("SIHHA-1250");
          }
        }
        return given;
      }));
    }
    start.countDown();
    threads.shutdown();
    assertThat(threads.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

    assertThat(dispensed.get(0).get() + dispensed.get(1).get()).isEqualTo(10);
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("0");
  }

  private static void post(Bundle transaction, Resource resource, String fullUrl) {
    transaction.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest().setMethod(HTTPVerb.POST)
        .setUrl(resource.fhirType());
  }

  private long count(Class<? extends Resource> type) {
    return client().search().forResource(type).summaryMode(SummaryEnum.COUNT)
        .returnBundle(Bundle.class).execute().getTotal();
  }
}
