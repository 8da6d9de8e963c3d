package health.sihha.hie.provider.aggregation;

import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this provider authenticates its deliveries to the ministry (with {@code sihha.security.enabled}): a
 * client-credentials token of its own Keycloak client, fetched for each notification.
 *
 * @param tokenEndpoint the token endpoint; the realm's ({@code <sihha.security.issuer>/protocol/openid-connect/token})
 *     when not set
 * @param clientId the Keycloak client of this provider ({@code sihha.provider.id} by default)
 * @param clientSecret its secret ({@code <client-id>-demo-secret} by default, as in the demo realm)
 * @param scope the scope asked for: the ministry takes {@code system/} write scopes
 * @param timeout how long a token request may take before the notification fails (and the outbox retries it)
 */
@Validated
@ConfigurationProperties("sihha.provider.ministry-client")
public record MinistryClientProperties(
    @Nullable URI tokenEndpoint,
    @NotBlank String clientId,
    @NotBlank String clientSecret,
    @DefaultValue("system/*.cruds") @NotBlank String scope,
    @DefaultValue("10s") @NotNull Duration timeout) {

  @Override
  public String toString() {
    return "MinistryClientProperties[tokenEndpoint=" + tokenEndpoint + ", clientId=" + clientId + ", scope=" + scope
        + ", timeout=" + timeout + "]";
  }
}
