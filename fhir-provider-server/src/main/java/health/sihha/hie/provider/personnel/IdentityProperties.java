package health.sihha.hie.provider.personnel;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The staff's accounts in the Keycloak realm (profile {@code keycloak} turns provisioning on).
 *
 * @param enabled whether writes of Practitioner and PractitionerRole provision the practitioner's account
 * @param realmUrl the realm, as its issuer URL ({@code sihha.security.issuer}): the admin API is
 *     {@code <server>/admin/realms/<realm>}
 * @param clientId the confidential client whose service account manages this facility's staff in the realm
 *     ({@code sihha.provider.id}; the realm's admin permissions confine it to the facility group)
 * @param clientSecret its secret ({@code <sihha.provider.id>-demo-secret} in the demo)
 * @param timeout connect and read timeout of each admin call; a write waits at most this long for Keycloak
 */
@Validated
@ConfigurationProperties("sihha.provider.identity")
record IdentityProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("http://127.0.0.1:8180/realms/sihha") @NotNull URI realmUrl,
    @NotBlank String clientId,
    @NotBlank String clientSecret,
    @DefaultValue("10s") @NotNull Duration timeout) {

  private static final String REALMS = "/realms/";

  /** The Keycloak server's base, {@code realmUrl} without {@code /realms/<realm>}. */
  String serverUrl() {
    String url = trimmed();
    return url.substring(0, url.lastIndexOf(REALMS));
  }

  /** The realm's name, the last segment of {@code realmUrl}. */
  String realm() {
    String url = trimmed();
    return url.substring(url.lastIndexOf(REALMS) + REALMS.length());
  }

  private String trimmed() {
    String url = realmUrl.toString();
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (!url.contains(REALMS)) {
      throw new IllegalStateException("sihha.provider.identity.realm-url is not a realm's URL: " + realmUrl);
    }
    return url;
  }
}
