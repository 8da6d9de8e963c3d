package health.sihha.hie.ministry.replication;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One reconciliation of a provider's resources of one type.
 *
 * @param atProvider resources (deleted ones included) in the provider's history
 * @param missing held by the provider, not by the ministry: fetched
 * @param outdated newer at the provider: fetched
 * @param removed deleted or gone at the provider, still held by the ministry: deleted
 * @param failed differences that could not be repaired (the provider unreachable counts one)
 * @param altered held in the provider's current version, but the provider now serves other content under that
 *     version (its hash differs from the one received): not repaired, since a version changed in place is what
 *     the provider's ledger exists to reveal ({@code $verify} there says which side holds what was written)
 * @param alteredVersions the first {@value #LISTED} of them, as {@code Type/id/_history/version} at the provider
 * @param error why the provider could not be compared, if it could not
 */
public record ReconcileResult(String provider, String type, Instant started, int atProvider, int missing,
    int outdated, int removed, int failed, int altered, List<String> alteredVersions, @Nullable String error) {

  /** How many altered versions a result names. */
  public static final int LISTED = 100;

  public ReconcileResult {
    alteredVersions = List.copyOf(alteredVersions);
  }
}
