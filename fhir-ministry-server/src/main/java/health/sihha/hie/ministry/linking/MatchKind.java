package health.sihha.hie.ministry.linking;

/** How a provider record came to be linked to (or proposed for) a person. */
enum MatchKind {
  /** Same national identifier (the enterprise id), found through the blind index. */
  EID,
  /** Same given and family name, birth date and sex. */
  DETERMINISTIC,
  /** Fellegi–Sunter score at or above a threshold. */
  PROBABILISTIC,
  /** A registry steward's decision, or a new person of its own. */
  MANUAL,
  /** The provider merged this record into another ({@code Patient.link} {@code replaced-by}). */
  MERGE
}
