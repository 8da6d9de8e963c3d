package health.sihha.hie.provider.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.sihha.hie.provider.ProviderServerTest;
import java.math.BigDecimal;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationDispense.MedicationDispenseStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.SupplyDelivery;
import org.hl7.fhir.r4.model.SupplyDelivery.SupplyDeliveryStatus;
import org.hl7.fhir.r4.model.Type;

/** Stock tests through the REST API: Locations and batches of their own, so test classes never share stock. */
abstract class StockTest extends ProviderServerTest {

  static final String TABLET = "{tablet}";
  static final String UCUM = "http://unitsofmeasure.org";
  static final String METFORMIN = "861007";

  private String patient;

  String patient() {
    if (patient == null) {
      patient = createPatient("Dispensed");
    }
    return patient;
  }

  String location(String name) {
    return client().create().resource(new Location().setName(name + " " + UUID.randomUUID()))
        .execute().getId().toUnqualifiedVersionless().getValue();
  }

  String medication(String rxnorm, String lot, String expiry) {
    return client().create().resource(batch(rxnorm, lot, expiry)).execute().getId().toUnqualifiedVersionless()
        .getValue();
  }

  static Medication batch(String rxnorm, String lot, String expiry) {
    Medication medication = new Medication();
    medication.getCode().addCoding().setSystem(StockFhir.RXNORM).setCode(rxnorm);
    medication.getBatch().setLotNumber(lot).setExpirationDateElement(new DateTimeType(expiry));
    return medication;
  }

  static SupplyDelivery delivery(String medication, String location, double quantity) {
    SupplyDelivery delivery = new SupplyDelivery();
    delivery.setStatus(SupplyDeliveryStatus.COMPLETED);
    delivery.getSuppliedItem().setItem(new Reference(medication)).setQuantity(tablets(quantity));
    delivery.setDestination(new Reference(location));
    return delivery;
  }

  /** A completed dispense to this test's patient. */
  MedicationDispense dispense(String medication, String location, double quantity) {
    MedicationDispense dispense = new MedicationDispense();
    dispense.setSubject(new Reference("Patient/" + patient()));
    dispense.setStatus(MedicationDispenseStatus.COMPLETED);
    dispense.setMedication(new Reference(medication));
    dispense.setLocation(new Reference(location));
    dispense.setQuantity(tablets(quantity));
    return dispense;
  }

  static Quantity tablets(double quantity) {
    return new Quantity().setValue(quantity).setUnit("tablet").setSystem(UCUM).setCode(TABLET);
  }

  IdType receive(String medication, String location, double quantity) {
    return (IdType) client().create().resource(delivery(medication, location, quantity)).execute().getId();
  }

  IdType give(String medication, String location, double quantity) {
    return (IdType) client().create().resource(dispense(medication, location, quantity)).execute().getId();
  }

  /** On hand, through {@code Medication/{id}/$stock}; zero when there is no level. */
  BigDecimal onHand(String medication, String location) {
    Parameters stock = client().operation().onInstance(new IdType(medication)).named("$stock")
        .withParameter(Parameters.class, "location", new StringType(location))
        .andParameter("include-empty", new StringType("true"))
        .useHttpGet().execute();
    return stock.getParameter().stream().map(item -> quantity(item).getValue()).findFirst().orElse(BigDecimal.ZERO);
  }

  static Quantity quantity(ParametersParameterComponent item) {
    return (Quantity) part(item, "quantity");
  }

  static Type part(ParametersParameterComponent item, String name) {
    return item.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getValue();
  }

  /** The call fails with {@code status} and an OperationOutcome whose message starts with {@code SIHHA-<code>}. */
  static void assertRefused(ThrowingCallable call, int status, int code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
      assertThat(e.getStatusCode()).as(e.getMessage()).isEqualTo(status);
      OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
      assertThat(outcome).as(e.getMessage()).isNotNull();
      assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("SIHHA-" + code + ": ");
    });
  }
}
