package health.sihha.hie.interceptors.security;

/**
 * The port through which the interceptors check a bearer token; {@link JwtTokenVerifier} is the real one.
 */
public interface TokenVerifier {

  /**
   * The grant of a valid token.
   *
   * @throws ca.uhn.fhir.rest.server.exceptions.AuthenticationException (401, with a {@code WWW-Authenticate} header)
   *     when the token is not valid for this server
   */
  SmartGrant verify(String bearerToken);
}
