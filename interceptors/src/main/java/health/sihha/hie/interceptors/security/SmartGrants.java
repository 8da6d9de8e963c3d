package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;

/**
 * The grant of a request: its {@code Authorization: Bearer} token, verified once and kept on the request so that
 * later hooks (clinical roles, audit) see the same grant.
 */
public final class SmartGrants {

  private static final String USER_DATA_KEY = SmartGrants.class.getName();
  private static final String BEARER = "Bearer ";

  private final TokenVerifier verifier;

  public SmartGrants(TokenVerifier verifier) {
    this.verifier = requireNonNull(verifier);
  }

  /**
   * The grant of the request's bearer token.
   *
   * @throws ca.uhn.fhir.rest.server.exceptions.AuthenticationException without a bearer token or with an invalid one
   */
  public SmartGrant require(RequestDetails request) {
    Optional<SmartGrant> known = verified(request);
    if (known.isPresent()) {
      return known.get();
    }
    String header = request.getHeader(Constants.HEADER_AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || header.substring(BEARER.length()).isBlank()) {
      throw Unauthorized.missingToken();
    }
    SmartGrant grant = verifier.verify(header.substring(BEARER.length()).trim());
    request.getUserData().put(USER_DATA_KEY, grant);
    return grant;
  }

  /** The grant verified earlier in this request, if any. */
  public static Optional<SmartGrant> verified(RequestDetails request) {
    return request.getUserData().get(USER_DATA_KEY) instanceof SmartGrant grant ? Optional.of(grant) : Optional.empty();
  }
}
