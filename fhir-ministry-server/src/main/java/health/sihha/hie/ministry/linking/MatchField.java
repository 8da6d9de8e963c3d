package health.sihha.hie.ministry.linking;

/**
 * The fields Fellegi–Sunter scoring compares, each with default m (agreement among true matches) and u (agreement
 * among non-matches, roughly 1 / number of distinct values) probabilities.
 */
enum MatchField {
  GIVEN(0.95, 0.01),
  FAMILY(0.95, 0.005),
  BIRTH_DATE(0.97, 0.0005),
  SEX(0.98, 0.5),
  ADDRESS(0.8, 0.001);

  private final Probabilities defaults;

  MatchField(double m, double u) {
    this.defaults = new Probabilities(m, u);
  }

  Probabilities defaults() {
    return defaults;
  }
}
