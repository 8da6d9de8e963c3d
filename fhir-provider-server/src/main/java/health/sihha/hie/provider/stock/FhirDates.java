package health.sihha.hie.provider.stock;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/** Calendar days of FHIR dates, in the provider's time zone. */
final class FhirDates {

  private FhirDates() {}

  /** The day a date or dateTime falls on; a month or year stands for its first day. */
  static LocalDate day(BaseDateTimeType date, ZoneId zone) {
    return switch (date.getPrecision()) {
      case YEAR -> Year.of(date.getYear()).atDay(1);
      case MONTH -> YearMonth.of(date.getYear(), date.getMonth() + 1).atDay(1);
      case DAY -> LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
      default -> date.getValue().toInstant().atZone(zone).toLocalDate();
    };
  }

  /** The last day an expiration date allows: an expiry of {@code 2026-03} means to the end of March. */
  static LocalDate lastDay(BaseDateTimeType date, ZoneId zone) {
    TemporalPrecisionEnum precision = date.getPrecision();
    if (precision == TemporalPrecisionEnum.YEAR) {
      return Year.of(date.getYear()).atMonth(12).atEndOfMonth();
    }
    if (precision == TemporalPrecisionEnum.MONTH) {
      return YearMonth.of(date.getYear(), date.getMonth() + 1).atEndOfMonth();
    }
    return day(date, zone);
  }
}
