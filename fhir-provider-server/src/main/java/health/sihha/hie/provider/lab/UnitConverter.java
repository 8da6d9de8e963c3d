package health.sihha.hie.provider.lab;

import health.sihha.hie.terminology.load.ucum.UcumGrammar;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Expresses a limit in the unit of a value. A limit without a unit is taken to share the value's unit (a common way
 * to write ranges); UCUM units are converted ({@code mmol/L} to {@code mg/dL} needs a molar mass and is not); other
 * units must be the same code of the same system.
 */
final class UnitConverter {

  static final String UCUM = "http://unitsofmeasure.org";

  private final UcumGrammar ucum;

  UnitConverter(UcumGrammar ucum) {
    this.ucum = ucum;
  }

  Optional<BigDecimal> convert(Quantity limit, Quantity value) {
    String from = unitOf(limit);
    String to = unitOf(value);
    if (from == null || from.equals(to)) {
      return Optional.of(limit.getValue());
    }
    if (to == null || !isUcum(limit) || !isUcum(value)) {
      return Optional.empty();
    }
    return ucum.convert(limit.getValue(), from, to);
  }

  private static String unitOf(Quantity quantity) {
    if (quantity.hasCode()) {
      return quantity.getCode();
    }
    return quantity.hasUnit() ? quantity.getUnit() : null;
  }

  private static boolean isUcum(Quantity quantity) {
    return !quantity.hasSystem() || Objects.equals(quantity.getSystem(), UCUM);
  }
}
