package health.sihha.hie.provider.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.SummaryEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationDispense.MedicationDispenseStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.SupplyDelivery;
import org.junit.jupiter.api.Test;

class StockBalancesTest extends StockTest {

  @Test
  void receiptIncreasesAndDispenseDecreases() {
    String pharmacy = location("Pharmacy");
    String batch = medication(METFORMIN, "A-1", "2099-12-31");

    receive(batch, pharmacy, 100);
    receive(batch, pharmacy, 20);
    give(batch, pharmacy, 30);

    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("90");
  }

  @Test
  void overDispenseIsRefusedAndChangesNothing() {
    String pharmacy = location("Pharmacy");
    String batch = medication(METFORMIN, "A-2", "2099-12-31");
    receive(batch, pharmacy, 5);

    assertRefused(() -> give(batch, pharmacy, 8), 409, 1250);
    assertRefused(() -> give(batch, location("Ward"), 1), 409, 1250);

    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("5");
    assertThat(dispensesOf(batch)).isZero();
  }

  @Test
  void insufficientStockNamesWhatIsOnHandAndWhatWasAsked() {
    String pharmacy = location("Pharmacy");
    String batch = medication(METFORMIN, "A-3", "2099-12-31");
    receive(batch, pharmacy, 5);

    assertThatThrownBy(() -> give(batch, pharmacy, 8))
        .hasMessageContaining("insufficient stock: 5 on hand of " + batch + " at " + pharmacy + ", 8 requested");
  }

  @Test
  void expiredBatchIsNotDispensed() {
    String pharmacy = location("Pharmacy");
    String expired = medication(METFORMIN, "OLD-1", "2020-01-31");
    receive(expired, pharmacy, 10);
    MedicationDispense beforeExpiry = dispense(expired, pharmacy, 1);
    beforeExpiry.setWhenHandedOverElement(new DateTimeType("2020-01-31T10:00:00Z"));
    client().create().resource(beforeExpiry).execute();

    assertRefused(() -> give(expired, pharmacy, 1), 409, 1251);
    MedicationDispense dated = dispense(expired, pharmacy, 1);
    dated.setWhenHandedOverElement(new DateTimeType("2020-02-01T10:00:00Z"));
    assertRefused(() -> client().create().resource(dated).execute(), 409, 1251);

    assertThat(onHand(expired, pharmacy)).isEqualByComparingTo("9");
  }

  @Test
  void cancellingADispenseRestoresStock() {
    String pharmacy = location("Pharmacy");
    String batch = medication(METFORMIN, "A-4", "2099-12-31");
    receive(batch, pharmacy, 10);
    MedicationDispense dispense = client().read().resource(MedicationDispense.class)
        .withId(give(batch, pharmacy, 4).toUnqualifiedVersionless()).execute();
    dispense.setId(dispense.getIdElement().toUnqualifiedVersionless());
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("6");

    dispense.setQuantity(tablets(7));
    client().update().resource(dispense).execute();
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("3");

    dispense.setStatus(MedicationDispenseStatus.ENTEREDINERROR);
    client().update().resource(dispense).execute();
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("10");
  }

  @Test
  void deletingAReceiptReversesItUnlessStockWouldGoNegative() {
    String pharmacy = location("Pharmacy");
    String batch = medication(METFORMIN, "A-5", "2099-12-31");
    receive(batch, pharmacy, 10);
    IdType second = receive(batch, pharmacy, 5);
    client().delete().resourceById(second.toUnqualifiedVersionless()).execute();
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("10");

    IdType third = receive(batch, pharmacy, 5);
    give(batch, pharmacy, 12);
    assertRefused(() -> client().delete().resourceById(third.toUnqualifiedVersionless()).execute(), 409, 1250);
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("3");
    assertThat(client().read().resource(SupplyDelivery.class).withId(third.toUnqualifiedVersionless()).execute())
        .isNotNull();
  }

  @Test
  void anotherUnitThanTheStocksIsRefused() {
    String pharmacy = location("Pharmacy");
    String batch = medication(METFORMIN, "A-6", "2099-12-31");
    receive(batch, pharmacy, 10);
    MedicationDispense inMilligrams = dispense(batch, pharmacy, 250);
    inMilligrams.setQuantity(new Quantity().setValue(250).setSystem(UCUM).setCode("mg"));
    SupplyDelivery inMilligramsToo = delivery(batch, pharmacy, 250);
    inMilligramsToo.getSuppliedItem().setQuantity(new Quantity().setValue(250).setSystem(UCUM).setCode("mg"));

    assertRefused(() -> client().create().resource(inMilligrams).execute(), 422, 1252);
    assertRefused(() -> client().create().resource(inMilligramsToo).execute(), 422, 1252);
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("10");
  }

  @Test
  void aCompletedDispenseNeedsLocationQuantityAndAMedication() {
    String pharmacy = location("Pharmacy");
    String batch = medication(METFORMIN, "A-7", "2099-12-31");
    receive(batch, pharmacy, 10);
    MedicationDispense noLocation = dispense(batch, pharmacy, 1).setLocation(null);
    MedicationDispense noQuantity = dispense(batch, pharmacy, 1).setQuantity(null);
    MedicationDispense byCode = dispense(batch, pharmacy, 1);
    byCode.setMedication(new CodeableConcept().addCoding(new Coding(StockFhir.RXNORM,
        METFORMIN, null)));
    MedicationDispense notAMedication = dispense(pharmacy, pharmacy, 1);

    assertRefused(() -> client().create().resource(noLocation).execute(), 422, 1253);
    // the IG's dispense profile refuses a dispense without quantity before the stock check sees it
    assertRefused(() -> client().create().resource(noQuantity).execute(), 422, 1200);
    assertRefused(() -> client().create().resource(byCode).execute(), 422, 1255);
    assertRefused(() -> client().create().resource(notAMedication).execute(), 422, 1255);
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("10");
  }

  @Test
  void aDispenseInPreparationTakesNothingUntilCompleted() {
    String pharmacy = location("Pharmacy");
    String batch = medication(METFORMIN, "A-8", "2099-12-31");
    receive(batch, pharmacy, 10);
    MedicationDispense prepared = dispense(batch, pharmacy, 4).setStatus(MedicationDispenseStatus.PREPARATION);
    prepared.setId(client().create().resource(prepared).execute().getId().toUnqualifiedVersionless());
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("10");

    prepared.setStatus(MedicationDispenseStatus.COMPLETED);
    client().update().resource(prepared).execute();
    assertThat(onHand(batch, pharmacy)).isEqualByComparingTo("6");
  }

  private long dispensesOf(String medication) {
    return client().search().forResource(MedicationDispense.class)
        .where(MedicationDispense.MEDICATION.hasId(medication)).summaryMode(SummaryEnum.COUNT)
        .returnBundle(Bundle.class).execute().getTotal();
  }
}
