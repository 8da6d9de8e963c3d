package health.sihha.hie.server.security;

import health.sihha.hie.interceptors.security.CrossFacilityAccess;
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
 * The FHIR endpoint as an OAuth2 resource server: which issuer's tokens it takes, for which audience and facility.
 * On unless {@code sihha.security.enabled} is false, which only tests that exercise something else set.
 *
 * @param enabled whether {@code /fhir} requires bearer tokens
 * @param issuer the exact {@code iss} of accepted tokens: the Keycloak realm
 * @param jwksUri the issuer's signing keys; {@code <issuer>/protocol/openid-connect/certs} when not set
 * @param audience the value a token's {@code aud} must contain: this server's public FHIR base
 *     ({@code http://127.0.0.1:${server.port}/fhir} by default)
 * @param facility the facility this server serves ({@code sihha.provider.id}, or {@code ministry}); {@code user/}
 *     tokens of another facility get 403
 * @param clockSkew the tolerance on {@code exp} and {@code nbf}
 * @param reconcilers the other facilities whose service accounts may read this server's history and subscription
 *     events to reconcile their copy (the ministry, at a provider); every other token of another facility gets 403
 * @param consentWithdrawsData whether a consent denying this server's parties withdraws the patient's data here (the
 *     ministry's opt-out), so counts across patients never include denied data
 */
@Validated
@ConfigurationProperties("sihha.security")
public record SecurityProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("http://127.0.0.1:8180/realms/sihha") @NotNull URI issuer,
    @Nullable URI jwksUri,
    @NotBlank String audience,
    @NotBlank String facility,
    @DefaultValue("60s") @NotNull Duration clockSkew,
    @DefaultValue({}) @NotNull List<String> reconcilers,
    @DefaultValue("false") boolean consentWithdrawsData) {

  public SecurityProperties {
    reconcilers = List.copyOf(reconcilers);
  }

  /** The explicit grants this server makes to other organisations. */
  public List<CrossFacilityAccess> crossFacilityAccess() {
    return reconcilers.stream().map(CrossFacilityAccess::reconciliation).toList();
  }

  /** What the token verifier trusts. */
  public TokenSettings tokenSettings() {
    return new TokenSettings(issuer, jwksUri != null ? jwksUri : KeycloakEndpoints.of(issuer).jwks(), audience,
        clockSkew);
  }
}
