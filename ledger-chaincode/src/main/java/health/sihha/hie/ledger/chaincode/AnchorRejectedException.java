package health.sihha.hie.ledger.chaincode;

/** An anchor the channel refuses: malformed, a rewrite, a gap or a shrinking tree. */
public final class AnchorRejectedException extends RuntimeException {

  public AnchorRejectedException(String message) {
    super(message);
  }
}
