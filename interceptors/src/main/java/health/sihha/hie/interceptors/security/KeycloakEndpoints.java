package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * The OpenID Connect endpoints of a Keycloak realm, derived from its issuer URL.
 *
 * @param issuer the realm's issuer, e.g. {@code http://127.0.0.1:8180/realms/sihha}
 */
public record KeycloakEndpoints(URI issuer) {

  public KeycloakEndpoints {
    requireNonNull(issuer);
  }

  /** The endpoints of the realm at {@code issuer}; a trailing slash is ignored. */
  public static KeycloakEndpoints of(URI issuer) {
    String text = issuer.toString();
    return new KeycloakEndpoints(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
  }

  public URI authorization() {
    return child("auth");
  }

  public URI token() {
    return child("token");
  }

  public URI jwks() {
    return child("certs");
  }

  public URI introspection() {
    return child("token/introspect");
  }

  public URI revocation() {
    return child("revoke");
  }

  private URI child(String endpoint) {
    return URI.create(issuer + "/protocol/openid-connect/" + endpoint);
  }
}
