package health.sihha.bench.auth;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;

/**
 * Puts the current backend token on every request of a HAPI client (HAPI's own bearer interceptor holds one fixed
 * token, which a long load outlives).
 */
public final class BearerTokenInterceptor implements IClientInterceptor {

  private final BackendToken token;

  public BearerTokenInterceptor(BackendToken token) {
    this.token = requireNonNull(token);
  }

  @Override
  public void interceptRequest(IHttpRequest request) {
    request.addHeader("Authorization", "Bearer " + token.get());
  }

  @Override
  public void interceptResponse(IHttpResponse response) {
    // nothing to read from the response: the token is renewed ahead of its expiry
  }
}
