package health.sihha.bench.synthea;

import static java.util.Objects.requireNonNull;

/**
 * A bundle read, rewritten and encoded ahead of time, so that posting it costs the client no parsing.
 *
 * @param name the file it came from
 * @param batch true for a {@code batch} bundle, whose entries succeed or fail one by one; false for a
 *     {@code transaction}, which succeeds or fails whole
 * @param json the bundle as sent
 * @param resources how many resources it carries (its entries)
 */
public record PreparedBundle(String name, boolean batch, String json, int resources) {

  public PreparedBundle {
    requireNonNull(name);
    requireNonNull(json);
  }
}
