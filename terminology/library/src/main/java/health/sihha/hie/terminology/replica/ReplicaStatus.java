package health.sihha.hie.terminology.replica;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a replica stands, for health details and metrics.
 *
 * @param source the source server's FHIR base
 * @param loaded whether what the replica's folder held has been read (start-up reads it in the background)
 * @param lastSuccess when the last sync completed; null before the first one (the replica still serves what its
 *     folder held)
 * @param lastDuration how long the last successful sync took
 * @param lastFetched how many resources the last successful sync fetched in full (new or changed ones)
 * @param lastError why the last sync failed; null when it succeeded
 * @param failures syncs failed since start-up
 * @param codeSystems code systems held
 * @param valueSets value sets held
 * @param conceptMaps concept maps held
 */
public record ReplicaStatus(String source, boolean loaded, @Nullable Instant lastSuccess, @Nullable Duration lastDuration,
    int lastFetched, @Nullable String lastError, long failures, int codeSystems, int valueSets, int conceptMaps) {

  /** Seconds since the last successful sync, or -1 before the first one. */
  public long ageSeconds(Instant now) {
    return lastSuccess == null ? -1 : Duration.between(lastSuccess, now).toSeconds();
  }
}
