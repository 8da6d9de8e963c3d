package health.sihha.hie.ministry.linking;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * Fellegi–Sunter record comparison: the sum over the fields of log2(m/u) where they agree, log2((1-m)/(1-u)) where
 * they disagree, 0 where either side is unknown. Names and address lines agree partially by Jaro–Winkler
 * similarity (full weight from {@value #AGREE}, disagreement below {@value #DISAGREE}, linear between); birth dates
 * partially when only one of day, month or year differs, or day and month are swapped.
 */
final class FellegiSunter {

  static final double AGREE = 0.96;
  static final double DISAGREE = 0.8;

  private final Map<MatchField, Probabilities> probabilities;

  FellegiSunter(Map<MatchField, Probabilities> probabilities) {
    this.probabilities = new EnumMap<>(probabilities);
  }

  double score(Demographics a, Demographics b) {
    return weigh(MatchField.GIVEN, a.given(), b.given())
        + weigh(MatchField.FAMILY, a.family(), b.family())
        + birthDate(a.birthDate(), b.birthDate())
        + sex(a.sex(), b.sex())
        + address(a, b);
  }

  private double weigh(MatchField field, String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    double similarity = JaroWinkler.similarity(a, b);
    return probabilities.get(field).partial((similarity - DISAGREE) / (AGREE - DISAGREE));
  }

  private double birthDate(LocalDate a, LocalDate b) {
    if (a == null || b == null) {
      return 0;
    }
    Probabilities p = probabilities.get(MatchField.BIRTH_DATE);
    if (a.equals(b)) {
      return p.agreement();
    }
    int differing = (a.getYear() != b.getYear() ? 1 : 0) + (a.getMonthValue() != b.getMonthValue() ? 1 : 0)
        + (a.getDayOfMonth() != b.getDayOfMonth() ? 1 : 0);
    boolean swapped = a.getYear() == b.getYear() && a.getMonthValue() == b.getDayOfMonth()
        && a.getDayOfMonth() == b.getMonthValue();
    return differing == 1 || swapped ? p.partial(0.5) : p.disagreement();
  }

  private double sex(String a, String b) {
    if (a.isEmpty() || b.isEmpty() || "unknown".equals(a) || "unknown".equals(b)) {
      return 0;
    }
    Probabilities p = probabilities.get(MatchField.SEX);
    return a.equals(b) ? p.agreement() : p.disagreement();
  }

  /** The address as one field: the street line by similarity, with the postal code or city confirming it. */
  private double address(Demographics a, Demographics b) {
    boolean lines = !a.line().isEmpty() && !b.line().isEmpty();
    boolean places = !a.postalCode().isEmpty() && !b.postalCode().isEmpty() || !a.city().isEmpty() && !b.city().isEmpty();
    if (!lines || !places) {
      return 0;
    }
    boolean samePlace = !a.postalCode().isEmpty() && a.postalCode().equals(b.postalCode())
        || !a.city().isEmpty() && a.city().equals(b.city());
    if (!samePlace) {
      return probabilities.get(MatchField.ADDRESS).disagreement();
    }
    return weigh(MatchField.ADDRESS, a.line(), b.line());
  }
}
