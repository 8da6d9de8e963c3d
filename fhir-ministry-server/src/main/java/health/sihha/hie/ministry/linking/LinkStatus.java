package health.sihha.hie.ministry.linking;

/** Where a (provider record, person) pair stands. */
enum LinkStatus {
  /** The record belongs to the person; a record has at most one such pair. */
  LINKED,
  /** Proposed for review: scored between the two thresholds. */
  POSSIBLE_MATCH,
  /** Rejected by a steward, or unlinked: never proposed or linked automatically again. */
  REJECTED
}
