package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * What a resource server trusts: the issuer, where its keys are, the audience the server answers to, and how much
 * clock difference it tolerates on {@code exp} and {@code nbf}.
 *
 * @param issuer the exact {@code iss}, e.g. {@code http://127.0.0.1:8180/realms/sihha}
 * @param jwksUri the issuer's JWKS, e.g. {@code <issuer>/protocol/openid-connect/certs}
 * @param audience the value {@code aud} must contain: this server's FHIR base URL
 * @param clockSkew the tolerance on time claims
 */
public record TokenSettings(URI issuer, URI jwksUri, String audience, Duration clockSkew) {

  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  public TokenSettings {
    requireNonNull(issuer);
    requireNonNull(jwksUri);
    requireNonNull(audience);
    requireNonNull(clockSkew);
    if (clockSkew.isNegative()) {
      throw new IllegalArgumentException("clockSkew must not be negative: " + clockSkew);
    }
  }

  /** The same trust for another audience: an endpoint of the same server that takes tokens issued for it alone. */
  public TokenSettings forAudience(String otherAudience) {
    return new TokenSettings(issuer, jwksUri, otherAudience, clockSkew);
  }

  /** Settings for a Keycloak realm: JWKS at {@code <issuer>/protocol/openid-connect/certs}, 60 s clock skew. */
  public static TokenSettings keycloak(URI issuer, String audience) {
    return new TokenSettings(issuer, KeycloakEndpoints.of(issuer).jwks(), audience, DEFAULT_CLOCK_SKEW);
  }
}
