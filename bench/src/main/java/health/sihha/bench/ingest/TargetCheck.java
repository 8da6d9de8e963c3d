package health.sihha.bench.ingest;

import jakarta.annotation.Nullable;

/**
 * One target of the ingest issue, checked on one database and client count: a ratio of two throughputs measured in
 * the same run, met when it is at least {@code atLeast}.
 *
 * @param target what is compared, such as "everything on ÷ stock HAPI validating"
 * @param database the database both loads stored to
 * @param clients the client count of both loads, or of each ("4 ÷ 1")
 * @param atLeast the target
 * @param ratio the measured ratio; null when a load it needs was not run
 * @param verdict whether the target is met
 * @param detail the two throughputs, or what was not run
 */
record TargetCheck(
    String target, String database, String clients, double atLeast, @Nullable Double ratio, Verdict verdict,
    String detail) {

  enum Verdict {
    MET("met"),
    NOT_MET("not met"),
    NOT_MEASURED("not measured");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    String text() {
      return text;
    }
  }
}
