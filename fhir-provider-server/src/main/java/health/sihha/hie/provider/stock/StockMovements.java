package health.sihha.hie.provider.stock;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationDispense.MedicationDispenseStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SupplyDelivery;
import org.hl7.fhir.r4.model.SupplyDelivery.SupplyDeliveryStatus;

/**
 * Reads the stock movement of a receipt ({@code SupplyDelivery} of a Medication) or a dispense
 * ({@code MedicationDispense}): its quantity if it is {@code completed}, nothing otherwise. A completed one that
 * lacks what stock keeping needs is refused with 422.
 */
final class StockMovements {

  private final Clock clock;

  StockMovements(Clock clock) {
    this.clock = clock;
  }

  Optional<StockMovement> of(IBaseResource resource) {
    if (resource instanceof SupplyDelivery delivery) {
      return receipt(delivery);
    }
    if (resource instanceof MedicationDispense dispense) {
      return dispense(dispense);
    }
    return Optional.empty();
  }

  private Optional<StockMovement> receipt(SupplyDelivery delivery) {
    Reference item = delivery.getSuppliedItem().getItemReference();
    if (delivery.getStatus() != SupplyDeliveryStatus.COMPLETED || !"Medication".equals(typeOf(item))) {
      return Optional.empty();
    }
    String location = idOf(delivery.getDestination(), "Location", 1256).orElseThrow(() -> refused(1256,
        "a completed SupplyDelivery of a Medication needs a destination Location"));
    Quantity quantity = quantity(delivery.getSuppliedItem().getQuantity(), 1257,
        "a completed SupplyDelivery of a Medication needs suppliedItem.quantity");
    StockKey key = new StockKey(item.getReferenceElement().getIdPart(), location);
    return Optional.of(new StockMovement(key, quantity.getValue(), unit(quantity), null));
  }

  private Optional<StockMovement> dispense(MedicationDispense dispense) {
    if (dispense.getStatus() != MedicationDispenseStatus.COMPLETED) {
      return Optional.empty();
    }
    String medication = idOf(dispense.getMedication() instanceof Reference r ? r : null, "Medication", 1255)
        .orElseThrow(() -> refused(1255,
            "a completed MedicationDispense needs medicationReference to a stored Medication (one product and batch)"));
    String location = idOf(dispense.getLocation(), "Location", 1253).orElseThrow(() -> refused(1253,
        "a completed MedicationDispense needs a location (the Location whose stock it takes)"));
    Quantity quantity = quantity(dispense.getQuantity(), 1254, "a completed MedicationDispense needs a quantity");
    LocalDate day = dispense.hasWhenHandedOver() ? FhirDates.day(dispense.getWhenHandedOverElement(), clock.getZone())
        : dispense.hasWhenPrepared() ? FhirDates.day(dispense.getWhenPreparedElement(), clock.getZone())
        : LocalDate.now(clock);
    return Optional.of(new StockMovement(new StockKey(medication, location), quantity.getValue().negate(),
        unit(quantity), day));
  }

  private static Quantity quantity(Quantity quantity, int code, String message) {
    if (quantity == null || !quantity.hasValue()) {
      throw refused(code, message);
    }
    if (quantity.getValue().signum() < 0) {
      throw refused(1258, "a stock quantity cannot be negative: " + quantity.getValue().toPlainString());
    }
    return quantity;
  }

  /** The unit stock is kept in: the quantity's code (UCUM or another unit system), else its unit text. */
  private static String unit(Quantity quantity) {
    return quantity.hasCode() ? quantity.getCode() : quantity.hasUnit() ? quantity.getUnit() : "1";
  }

  private static Optional<String> idOf(Reference reference, String type, int code) {
    if (reference == null || !reference.hasReference()) {
      return Optional.empty();
    }
    if (!type.equals(typeOf(reference)) || !reference.getReferenceElement().hasIdPart()) {
      throw refused(code, "stock is kept per stored " + type + ", not for " + reference.getReference());
    }
    return Optional.of(reference.getReferenceElement().getIdPart());
  }

  private static String typeOf(Reference reference) {
    return reference.getReferenceElement().getResourceType();
  }

  private static UnprocessableEntityException refused(int code, String message) {
    return new UnprocessableEntityException(Codes.of(code) + message);
  }
}
