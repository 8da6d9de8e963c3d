package health.sihha.hie.ministry.cpabe.seal;

/** What a reader whose key does not satisfy a rule's policy gets. */
public enum DenyMode {
  /** 403 with an OperationOutcome: the response is refused. */
  FORBID,
  /** The sealed form: the clear projection and its envelope, never the plaintext. */
  SEALED
}
