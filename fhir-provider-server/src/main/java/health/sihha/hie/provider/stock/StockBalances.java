package health.sihha.hie.provider.stock;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.springframework.dao.DuplicateKeyException;

/**
 * Applies what a write changes in stock: the movement of the new version minus that of the old one, so an update,
 * a cancellation ({@code entered-in-error}) or a delete reverses exactly what the earlier version did.
 */
final class StockBalances {

  private final StockLevels levels;
  private final IFhirResourceDao<Medication> medications;
  private final ZoneId zone;

  StockBalances(StockLevels levels, IFhirResourceDao<Medication> medications, ZoneId zone) {
    this.levels = levels;
    this.medications = medications;
    this.zone = zone;
  }

  void apply(Optional<StockMovement> before, Optional<StockMovement> after) {
    after.ifPresent(this::checkUnit);
    Map<StockKey, BigDecimal> net = new LinkedHashMap<>();
    before.ifPresent(m -> net.merge(m.key(), m.change().negate(), BigDecimal::add));
    after.ifPresent(m -> net.merge(m.key(), m.change(), BigDecimal::add));
    net.forEach((key, change) -> {
      if (change.signum() > 0) {
        add(key, change, unitAt(key, before, after));
      }
    });
    net.forEach((key, change) -> {
      if (change.signum() < 0) {
        after.filter(m -> m.isDispense() && m.key().equals(key)).ifPresent(this::checkNotExpired);
        take(key, change.negate());
      }
    });
  }

  private void checkUnit(StockMovement movement) {
    levels.find(movement.key()).filter(level -> !level.unit().equals(movement.unit())).ifPresent(level -> {
      throw new UnprocessableEntityException(Codes.of(1252) + "unit mismatch: stock of " + movement.key().medication()
          + " at " + movement.key().location() + " is kept in '" + level.unit() + "', not '" + movement.unit() + "'");
    });
  }

  private void add(StockKey key, BigDecimal quantity, String unit) {
    try {
      levels.add(key, quantity, unit);
    } catch (DuplicateKeyException e) {
      StockConflictException conflict = new StockConflictException(Codes.of(1259)
          + "the first stock of " + key.medication() + " at " + key.location() + " was received concurrently; retry");
      conflict.initCause(e);
      throw conflict;
    }
  }

  private void take(StockKey key, BigDecimal quantity) {
    if (!levels.take(key, quantity)) {
      BigDecimal onHand = levels.find(key).map(StockLevel::quantity).orElse(BigDecimal.ZERO);
      throw new StockConflictException(Codes.of(1250) + "insufficient stock: " + plain(onHand)
          + " on hand of " + key.medication() + " at " + key.location() + ", " + plain(quantity) + " requested");
    }
  }

  private void checkNotExpired(StockMovement dispense) {
    Medication medication = medications.read(new IdType("Medication", dispense.key().medicationId()),
        new SystemRequestDetails());
    if (!medication.getBatch().hasExpirationDate()) {
      return;
    }
    LocalDate expiry = FhirDates.lastDay(medication.getBatch().getExpirationDateElement(), zone);
    if (expiry.isBefore(dispense.dispensedOn())) {
      throw new StockConflictException(Codes.of(1251) + "batch " + medication.getBatch().getLotNumber()
          + " (" + dispense.key().medication() + ") expired on " + expiry + ", cannot be dispensed on "
          + dispense.dispensedOn());
    }
  }

  private static String unitAt(StockKey key, Optional<StockMovement> before, Optional<StockMovement> after) {
    return after.filter(m -> m.key().equals(key)).or(() -> before).map(StockMovement::unit).orElseThrow();
  }

  static String plain(BigDecimal quantity) {
    return quantity.stripTrailingZeros().toPlainString();
  }
}
