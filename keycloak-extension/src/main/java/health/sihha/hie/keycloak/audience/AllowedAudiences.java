package health.sihha.hie.keycloak.audience;

import java.util.List;

/** The FHIR base URLs an authorization request may name in its SMART {@code aud} parameter. */
public record AllowedAudiences(List<String> urls) {

  public AllowedAudiences {
    urls = urls == null ? List.of() : urls.stream().map(AllowedAudiences::normalise).toList();
  }

  /** True if {@code aud} is one of the URLs, ignoring a trailing slash. */
  public boolean allows(String aud) {
    return aud != null && !aud.isBlank() && urls.contains(normalise(aud));
  }

  private static String normalise(String url) {
    String trimmed = url.trim();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
