package health.sihha.hie.provider.stock;

import jakarta.annotation.Nullable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What one stored version of a receipt or dispense does to a stock level.
 *
 * @param change positive for a receipt, negative for a dispense
 * @param unit the quantity's unit code
 * @param dispensedOn the day of a dispense (to check expiry); null for a receipt
 */
record StockMovement(StockKey key, BigDecimal change, String unit, @Nullable LocalDate dispensedOn) {

  boolean isDispense() {
    return dispensedOn != null;
  }
}
