package health.sihha.hie.ministry.cpabe.rewrap;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * Where the re-wrap job to one epoch stands.
 *
 * @param epoch the epoch envelopes are moved to
 * @param rules the fingerprint of the sealing rules whose policies envelopes are moved to ({@code SealingRules})
 * @param everySealed whether the job examines every sealed resource (the rules changed), not only those with a
 *     version of an older epoch
 * @param state {@code RUNNING}, {@code DONE} or {@code SUPERSEDED} (a later epoch's job took over)
 * @param cursor the last resource (database id) examined
 * @param rewrapped envelopes moved to the epoch so far
 * @param failed envelopes that could not be moved (see {@code lastError}); they keep their old epoch
 * @param lastError the last failure, if any
 */
public record RewrapStatus(long epoch, @Nullable String rules, boolean everySealed, String state, long cursor,
    long rewrapped, long failed, @Nullable String lastError, Instant startedAt, Instant updatedAt) {

  static final String RUNNING = "RUNNING";
  static final String DONE = "DONE";
  static final String SUPERSEDED = "SUPERSEDED";
}
