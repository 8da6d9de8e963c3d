package health.sihha.hie.ministry.linking;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * One row of the link store.
 *
 * @param recordId the provider record's national Patient id ({@code provider-a.123})
 * @param personId the person record's id ({@code person-<uuid>})
 * @param providerId the provider the record came from
 * @param kind how the pair was found
 * @param score the Fellegi–Sunter score, when the pair was scored
 * @param status linked, possible match or rejected
 * @param created when the pair was first recorded
 * @param updated when its status last changed
 */
record PatientLink(
    String recordId, String personId, String providerId, MatchKind kind, @Nullable Double score, LinkStatus status,
    Instant created, Instant updated) {

  PatientLink with(LinkStatus newStatus, MatchKind newKind, Instant now) {
    return new PatientLink(recordId, personId, providerId, newKind, score, newStatus, created, now);
  }
}
