package health.sihha.hie.interceptors.security;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import health.sihha.hie.interceptors.Codes;

/** The 401 answers of RFC 6750, each with its {@code WWW-Authenticate} challenge and an OperationOutcome. */
public final class Unauthorized {

  public static final String HEADER = "WWW-Authenticate";

  private Unauthorized() {}

  /** No bearer token at all: a bare challenge, as RFC 6750 §3.1 asks. */
  public static AuthenticationException missingToken() {
    AuthenticationException e = new AuthenticationException(Codes.of(1010) + "a Bearer access token is required");
    e.addResponseHeader(HEADER, "Bearer");
    return e;
  }

  /** A token that is not valid here, with what is wrong in {@code error_description}. */
  public static AuthenticationException invalidToken(String description) {
    AuthenticationException e = new AuthenticationException(Codes.of(1011) + "invalid access token: " + description);
    e.addResponseHeader(HEADER,
        "Bearer error=\"invalid_token\", error_description=\"" + description.replaceAll("[\"\\\\\\r\\n]", "'") + "\"");
    return e;
  }
}
