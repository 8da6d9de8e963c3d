package health.sihha.hie.terminology.server.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.sihha.hie.interceptors.security.TokenVerifier;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;

/**
 * Whether a request may read the terminology, for what answers before HAPI does (the cached answers): when it
 * carries a valid bearer token of the realm for this server, as {@link TerminologyAuthorizationInterceptor} grants
 * every read. A request without one is not refused here; it goes on to the server, which refuses and records it.
 */
public final class TerminologyReaders implements Predicate<HttpServletRequest> {

  private static final String BEARER = "Bearer ";

  private final TokenVerifier verifier;

  public TerminologyReaders(TokenVerifier verifier) {
    this.verifier = requireNonNull(verifier);
  }

  @Override
  public boolean test(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    try {
      verifier.verify(header.substring(BEARER.length()).trim());
      return true;
    } catch (BaseServerResponseException e) {
      return false;
    }
  }
}
