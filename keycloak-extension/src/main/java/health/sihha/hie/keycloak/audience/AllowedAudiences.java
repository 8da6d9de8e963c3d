package health.sihha.hie.keycloak.audience;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FHIR base URLs an authorization request may name in its SMART {@code aud} parameter. A {@code *} in place of
 * the port, as in {@code http://127.0.0.1:*}{@code /fhir}, matches any port of that host: FHIR servers on loopback
 * take whatever port is free (RFC 8252 §7.3 treats loopback redirect ports alike).
 */
public record AllowedAudiences(List<String> urls) {

  private static final Pattern ANY_PORT = Pattern.compile("([a-z][a-z0-9+.-]*://[^/:*]+):\\*(/.*)?");

  public AllowedAudiences {
    urls = urls == null ? List.of() : urls.stream().map(AllowedAudiences::normalise).toList();
  }

  /** True if {@code aud} is one of the URLs, ignoring a trailing slash. */
  public boolean allows(String aud) {
    if (aud == null || aud.isBlank()) {
      return false;
    }
    String candidate = normalise(aud);
    return urls.stream().anyMatch(url -> url.equals(candidate) || anyPort(url).matcher(candidate).matches());
  }

  private static Pattern anyPort(String url) {
    Matcher wildcard = ANY_PORT.matcher(url);
    if (!wildcard.matches()) {
      return Pattern.compile(Pattern.quote(url));
    }
    String path = wildcard.group(2) == null ? "" : wildcard.group(2);
    return Pattern.compile(Pattern.quote(wildcard.group(1)) + ":[0-9]{1,5}" + Pattern.quote(path));
  }

  private static String normalise(String url) {
    String trimmed = url.trim();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
