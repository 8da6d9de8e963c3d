package health.sihha.hie.terminology.server.security;

import health.sihha.hie.interceptors.security.KeycloakEndpoints;
import health.sihha.hie.interceptors.security.TokenSettings;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The terminology server as an OAuth2 resource server, with the names the FHIR servers use for theirs.
 *
 * @param enabled whether {@code /fhir} requires bearer tokens (on unless turned off, e.g. in tests)
 * @param issuer the exact {@code iss} of accepted tokens: the Keycloak realm
 * @param jwksUri the issuer's signing keys; {@code <issuer>/protocol/openid-connect/certs} when not set
 * @param audience the value a token's {@code aud} must contain: this server's public FHIR base
 *     ({@code http://127.0.0.1:${server.port}/fhir} by default)
 * @param clockSkew the tolerance on {@code exp} and {@code nbf}
 * @param maintainingFacilities the facilities whose service accounts (realm role {@code system}) may change the
 *     terminology, besides the {@code terminologist}s: the ministry, whose terminology is the national source
 */
@Validated
@ConfigurationProperties("sihha.security")
public record TerminologySecurityProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("http://127.0.0.1:8180/realms/sihha") @NotNull URI issuer,
    @Nullable URI jwksUri,
    @NotBlank String audience,
    @DefaultValue("60s") @NotNull Duration clockSkew,
    @DefaultValue("ministry") @NotNull List<String> maintainingFacilities) {

  public TerminologySecurityProperties {
    maintainingFacilities = List.copyOf(maintainingFacilities);
  }

  /** What the token verifier trusts. */
  public TokenSettings tokenSettings() {
    return new TokenSettings(issuer, jwksUri != null ? jwksUri : KeycloakEndpoints.of(issuer).jwks(), audience,
        clockSkew);
  }
}
