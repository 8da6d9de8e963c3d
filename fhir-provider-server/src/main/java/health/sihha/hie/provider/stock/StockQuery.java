package health.sihha.hie.provider.stock;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import jakarta.annotation.Nullable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.StringType;

/**
 * The parameters of {@code $stock}, checked: a bad one is refused with 400.
 *
 * @param system product code system, or null for any
 * @param code product code, or null for every product
 * @param locationId id part of a Location, or null for every location
 * @param expiresBefore only batches whose last valid day is before this one, or null
 * @param includeEmpty whether levels at zero are listed
 */
record StockQuery(@Nullable String system, @Nullable String code, @Nullable String locationId,
    @Nullable LocalDate expiresBefore, boolean includeEmpty) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  static StockQuery parse(@Nullable StringType code, @Nullable StringType location,
      @Nullable StringType expiresBefore, @Nullable StringType includeEmpty, ZoneId zone) {
    String system = null;
    String productCode = null;
    if (present(code)) {
      String token = code.getValue();
      int bar = token.indexOf('|');
      system = bar > 0 ? token.substring(0, bar) : null;
      productCode = token.substring(bar + 1);
      if (productCode.isBlank()) {
        throw refused(1260, "code must be a token system|code or code, not '" + token + "'");
      }
    }
    return new StockQuery(system, productCode, present(location) ? locationId(location.getValue()) : null,
        present(expiresBefore) ? date(expiresBefore.getValue(), zone) : null,
        present(includeEmpty) && flag(includeEmpty.getValue()));
  }

  boolean matches(Medication medication, ZoneId zone) {
    if (code != null && medication.getCode().getCoding().stream().noneMatch(this::isProduct)) {
      return false;
    }
    return expiresBefore == null || medication.getBatch().hasExpirationDate()
        && FhirDates.lastDay(medication.getBatch().getExpirationDateElement(), zone).isBefore(expiresBefore);
  }

  private boolean isProduct(Coding coding) {
    return code.equals(coding.getCode()) && (system == null || system.equals(coding.getSystem()));
  }

  private static String locationId(String reference) {
    String id = reference.startsWith("Location/") ? reference.substring("Location/".length()) : reference;
    if (!ID.matcher(id).matches()) {
      throw refused(1261, "location must be a Location reference (Location/id), not '" + reference + "'");
    }
    return id;
  }

  private static LocalDate date(String value, ZoneId zone) {
    try {
      return FhirDates.day(new DateType(value), zone);
    } catch (DataFormatException | IllegalArgumentException e) {
      throw refused(1262, "expires-before must be a date (YYYY-MM-DD), not '" + value + "'");
    }
  }

  private static boolean flag(String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw refused(1263, "include-empty must be true or false, not '" + value + "'");
    };
  }

  private static boolean present(@Nullable StringType parameter) {
    return parameter != null && parameter.hasValue();
  }

  private static InvalidRequestException refused(int code, String message) {
    return new InvalidRequestException(Codes.of(code) + message);
  }
}
