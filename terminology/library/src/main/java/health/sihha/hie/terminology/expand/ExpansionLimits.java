package health.sihha.hie.terminology.expand;

/**
 * Bounds that keep one request from costing the server too much.
 *
 * @param maxCount the largest {@code count} a client may ask for
 * @param maxExpansionSize the most concepts returned when no {@code count} is given
 */
public record ExpansionLimits(int maxCount, int maxExpansionSize) {

  public static final ExpansionLimits DEFAULT = new ExpansionLimits(1000, 10_000);
}
