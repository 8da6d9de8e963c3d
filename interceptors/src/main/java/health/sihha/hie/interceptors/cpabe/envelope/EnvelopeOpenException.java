package health.sihha.hie.interceptors.cpabe.envelope;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.sihha.hie.interceptors.Codes;

/**
 * An envelope that cannot be opened: HTTP 403 whatever the reason, so that a reader learns nothing more than that it
 * may not read the content. The {@link #reason()} (and the message's code) tells the server why, for its logs and
 * audit trail. Never accompanied by any plaintext.
 */
public final class EnvelopeOpenException extends ForbiddenOperationException {

  private static final long serialVersionUID = 1L;

  /** Why an envelope did not open, each with its code. */
  public enum Reason {
    /** Truncated, unknown format, version, scheme or curve, an invalid policy or point (SIHHA-1430). */
    MALFORMED(1430),
    /** The key or master key belongs to another setup (SIHHA-1431). */
    WRONG_SETUP(1431),
    /** The key is for another epoch than the envelope (SIHHA-1432). */
    WRONG_EPOCH(1432),
    /** The key's attributes do not satisfy the envelope's policy (SIHHA-1433). */
    NOT_SATISFIED(1433),
    /** Authentication failed: an altered envelope, another context, or key elements that do not belong together. */
    INTEGRITY(1434),
    /** The caller's context names another policy than the envelope's (SIHHA-1435). */
    CONTEXT_MISMATCH(1435);

    private final int code;

    Reason(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private final Reason reason;

  public EnvelopeOpenException(Reason reason, String detail) {
    super(Codes.of(requireNonNull(reason, "reason").code) + "cannot open the sealed content: " + detail);
    this.reason = reason;
  }

  public EnvelopeOpenException(Reason reason, String detail, Throwable cause) {
    this(reason, detail);
    initCause(cause);
  }

  public Reason reason() {
    return reason;
  }
}
