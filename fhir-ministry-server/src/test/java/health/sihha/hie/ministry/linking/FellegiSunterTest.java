package health.sihha.hie.ministry.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scores behind the default thresholds: auto-link 28, possible match 14. */
class FellegiSunterTest {

  private static final LinkingProperties DEFAULTS = new LinkingProperties("", 28, 14, null, "registry-steward");
  private final FellegiSunter scoring = new FellegiSunter(DEFAULTS.weights());

  private static Demographics person(String given, String family, String birthDate, String sex, String line) {
    return new Demographics(given, family, birthDate == null ? null : LocalDate.parse(birthDate), sex, line, "AMMAN",
        "11118", null);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void fullAgreementIsTheSumOfTheAgreementWeights() {
    Demographics a = person("LAYLA", "HADDAD", "1984-03-12", "female", "12 RAINBOW STREET");
    double expected = log2(0.95 / 0.01) + log2(0.95 / 0.005) + log2(0.97 / 0.0005) + log2(0.98 / 0.5)
        + log2(0.8 / 0.001);
    assertThat(scoring.score(a, a)).isCloseTo(expected, within(1e-9)).isGreaterThan(DEFAULTS.autoLink());
  }

  @Test
  void aTypoInTheGivenNameStillLinksWhenTheRestAgrees() {
    Demographics a = person("JOHN", "HADDAD", "1984-03-12", "male", "12 RAINBOW STREET");
    Demographics b = person("JON", "HADDAD", "1984-03-12", "male", "12 RAINBOW STREET");
    assertThat(scoring.score(a, b)).isGreaterThanOrEqualTo(DEFAULTS.autoLink());
  }

  @Test
  void aTypoWithAnotherAddressIsOnlyAPossibleMatch() {
    Demographics a = person("JOHN", "HADDAD", "1984-03-12", "male", "12 RAINBOW STREET");
    Demographics b = person("JON", "HADDAD", "1984-03-12", "male", "3 KING HUSSEIN STREET");
    double score = scoring.score(a, b);
    assertThat(score).isGreaterThanOrEqualTo(DEFAULTS.possibleMatch()).isLessThan(DEFAULTS.autoLink());
  }

  @Test
  void swappedDayAndMonthAgreePartially() {
    Demographics a = person("LAYLA", "HADDAD", "1984-03-12", "female", "");
    Demographics swapped = person("LAYLA", "HADDAD", "1984-12-03", "female", "");
    Demographics other = person("LAYLA", "HADDAD", "1990-07-25", "female", "");
    Probabilities birth = MatchField.BIRTH_DATE.defaults();
    assertThat(scoring.score(a, a) - scoring.score(a, swapped))
        .isCloseTo(birth.agreement() - birth.partial(0.5), within(1e-9));
    assertThat(scoring.score(a, other)).isLessThan(scoring.score(a, swapped));
  }

  @Test
  void unknownFieldsWeighNothing() {
    Demographics a = person("LAYLA", "HADDAD", null, "", "");
    Demographics b = person("LAYLA", "HADDAD", "1984-03-12", "female", "12 RAINBOW STREET");
    assertThat(scoring.score(a, b)).isCloseTo(log2(0.95 / 0.01) + log2(0.95 / 0.005), within(1e-9));
  }

  @Test
  void differentPeopleScoreBelowZero() {
    Demographics a = person("LAYLA", "HADDAD", "1984-03-12", "female", "12 RAINBOW STREET");
    Demographics b = person("OMAR", "KHALIL", "1950-11-02", "male", "7 ZAHRAN STREET");
    assertThat(scoring.score(a, b)).isNegative();
  }

  @Test
  void weightsAndThresholdsAreChecked() {
    assertThat(new LinkingProperties("", 20, 10, Map.of(MatchField.SEX, new Probabilities(0.99, 0.4)), "s")
        .weights()).containsEntry(MatchField.SEX, new Probabilities(0.99, 0.4))
        .containsEntry(MatchField.GIVEN, MatchField.GIVEN.defaults());
    assertThatThrownBy(() -> new LinkingProperties("", 10, 20, null, "s"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Probabilities(0.1, 0.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void conflictingNationalIdentifiers() {
    Demographics a = new Demographics("A", "B", null, "", "", "", "", "123");
    assertThat(a.conflictsWith(new Demographics("A", "B", null, "", "", "", "", "456"))).isTrue();
    assertThat(a.conflictsWith(new Demographics("A", "B", null, "", "", "", "", null))).isFalse();
  }
}
