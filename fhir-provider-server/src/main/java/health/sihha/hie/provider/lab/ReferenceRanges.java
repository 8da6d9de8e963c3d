package health.sihha.hie.provider.lab;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Places a numeric value against the reference ranges of its result: beyond a critical range is critical, beyond the
 * normal range is high or low, within it normal.
 *
 * <p>Only ranges that apply to every patient are used: a range restricted by {@code appliesTo} or {@code age} needs
 * facts about the patient that the result does not carry, so a result with only such ranges gets no computed
 * interpretation. A range typed {@code https://sihha.health/fhir/CodeSystem/reference-range-type|critical} gives the
 * critical limits; an untyped range, or one typed {@code normal}, the normal limits.
 */
final class ReferenceRanges {

  static final String CRITICAL_SYSTEM = "https://sihha.health/fhir/CodeSystem/reference-range-type";
  static final String MEANING_SYSTEM = "http://terminology.hl7.org/CodeSystem/referencerange-meaning";

  private final UnitConverter units;

  ReferenceRanges(UnitConverter units) {
    this.units = units;
  }

  /** Empty when no usable range has a limit in a unit the value can be compared with. */
  Optional<Interpretation> interpret(Quantity value, List<ObservationReferenceRangeComponent> ranges) {
    if (!value.hasValue()) {
      return Optional.empty();
    }
    boolean compared = false;
    for (ObservationReferenceRangeComponent range : ranges) {
      if (isCritical(range) && appliesToEveryone(range)) {
        Optional<Integer> low = compare(value, range.getLow());
        Optional<Integer> high = compare(value, range.getHigh());
        if (low.filter(c -> c < 0).isPresent()) {
          return Optional.of(Interpretation.CRITICAL_LOW);
        }
        if (high.filter(c -> c > 0).isPresent()) {
          return Optional.of(Interpretation.CRITICAL_HIGH);
        }
      }
    }
    for (ObservationReferenceRangeComponent range : ranges) {
      if (isNormal(range) && appliesToEveryone(range)) {
        Optional<Integer> low = compare(value, range.getLow());
        Optional<Integer> high = compare(value, range.getHigh());
        if (low.filter(c -> c < 0).isPresent()) {
          return Optional.of(Interpretation.LOW);
        }
        if (high.filter(c -> c > 0).isPresent()) {
          return Optional.of(Interpretation.HIGH);
        }
        compared |= low.isPresent() || high.isPresent();
      }
    }
    return compared ? Optional.of(Interpretation.NORMAL) : Optional.empty();
  }

  /** The sign of value − limit, the limit converted to the value's unit; empty when there is no comparable limit. */
  private Optional<Integer> compare(Quantity value, Quantity limit) {
    if (limit == null || !limit.hasValue()) {
      return Optional.empty();
    }
    Optional<BigDecimal> converted = units.convert(limit, value);
    return converted.map(l -> value.getValue().compareTo(l));
  }

  private static boolean appliesToEveryone(ObservationReferenceRangeComponent range) {
    return !range.hasAppliesTo() && !range.hasAge();
  }

  private static boolean isCritical(ObservationReferenceRangeComponent range) {
    return range.getType().hasCoding(CRITICAL_SYSTEM, "critical");
  }

  private static boolean isNormal(ObservationReferenceRangeComponent range) {
    return !range.hasType() || range.getType().hasCoding(MEANING_SYSTEM, "normal");
  }
}
