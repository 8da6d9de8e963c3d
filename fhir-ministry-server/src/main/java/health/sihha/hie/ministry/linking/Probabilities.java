package health.sihha.hie.ministry.linking;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * The m and u probabilities of one field and the log-likelihood weights (base 2) they give.
 *
 * @param m probability that the field agrees when the two records are the same person
 * @param u probability that it agrees when they are not
 */
public record Probabilities(
    @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double m,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double u) {

  public Probabilities {
    if (m <= u) {
      throw new IllegalArgumentException("m (" + m + ") must exceed u (" + u + "), or agreement is no evidence");
    }
  }

  double agreement() {
    return log2(m / u);
  }

  double disagreement() {
    return log2((1 - m) / (1 - u));
  }

  /** Between disagreement (0) and agreement (1), for partial agreement. */
  double partial(double fraction) {
    double f = Math.max(0, Math.min(1, fraction));
    return disagreement() + (agreement() - disagreement()) * f;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
