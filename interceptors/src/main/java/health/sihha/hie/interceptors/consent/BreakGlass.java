package health.sihha.hie.interceptors.consent;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.sihha.hie.interceptors.security.SmartGrant;
import java.util.Optional;

/**
 * An emergency access that overrides a consent denial: the token's user holds realm role {@link #ROLE} and the
 * request states why in header {@link #REASON_HEADER}. Either alone overrides nothing.
 */
public final class BreakGlass {

  public static final String ROLE = "break-glass";
  public static final String REASON_HEADER = "X-Break-Glass-Reason";

  /** A reason is a sentence, not a document: longer ones are cut to keep the audit trail readable. */
  static final int MAX_REASON_LENGTH = 500;

  private BreakGlass() {}

  /** The reason the request states, as it will be audited; empty when the header is missing or blank. */
  public static Optional<String> reason(RequestDetails request) {
    String header = request.getHeader(REASON_HEADER);
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String reason = header.strip().replaceAll("\\p{Cntrl}", " ");
    return Optional.of(reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason);
  }

  /** Whether {@code grant}'s user may break the glass. */
  public static boolean allowed(SmartGrant grant) {
    return grant.hasRole(ROLE);
  }
}
