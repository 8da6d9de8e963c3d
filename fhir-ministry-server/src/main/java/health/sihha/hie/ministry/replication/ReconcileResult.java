package health.sihha.hie.ministry.replication;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * One reconciliation of a provider's resources of one type.
 *
 * @param atProvider resources (deleted ones included) in the provider's history
 * @param missing held by the provider, not by the ministry: fetched
 * @param outdated newer at the provider: fetched
 * @param removed deleted or gone at the provider, still held by the ministry: deleted
 * @param failed differences that could not be repaired (the provider unreachable counts one)
 * @param error why the provider could not be compared, if it could not
 */
public record ReconcileResult(String provider, String type, Instant started, int atProvider, int missing,
    int outdated, int removed, int failed, @Nullable String error) {}
