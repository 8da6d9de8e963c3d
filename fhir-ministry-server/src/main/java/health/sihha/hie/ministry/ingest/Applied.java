package health.sihha.hie.ministry.ingest;

/** What applying one event did to the national store; the {@code outcome} tag of the apply metrics. */
public enum Applied {
  CREATED, UPDATED, DELETED,
  /** The event's version is not newer than what the ministry already applied: a redelivery or a late older one. */
  UNCHANGED,
  /** Its patient opted out of sharing with the ministry at that provider ({@link OptOutWithdrawal}). */
  WITHHELD;

  public String tag() {
    return name().toLowerCase();
  }
}
