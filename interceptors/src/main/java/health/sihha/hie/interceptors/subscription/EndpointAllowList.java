package health.sihha.hie.interceptors.subscription;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rest-hook endpoints a server may deliver to: exact URLs (its own ministry ingestion endpoint) and operator
 * patterns. Anything else would hand the matching resources, whatever the patients' consents, to whoever runs it.
 */
public final class EndpointAllowList {

  private final Pattern pattern;

  /**
   * @param exactUrls URLs allowed as they are
   * @param patterns further regular expressions an endpoint may match whole
   */
  public EndpointAllowList(List<String> exactUrls, List<String> patterns) {
    String regex = Stream.concat(exactUrls.stream().map(Pattern::quote), patterns.stream())
        .map(part -> "(?:" + part + ")")
        .collect(Collectors.joining("|"));
    this.pattern = Pattern.compile(regex.isEmpty() ? "(?!)" : regex);
  }

  /** Whether {@code endpoint} may receive deliveries. */
  public boolean allows(String endpoint) {
    return endpoint != null && pattern.matcher(endpoint).matches();
  }

  /** The allow-list as one regular expression an endpoint must match whole, for HAPI's own check. */
  public String regex() {
    return "^(?:" + pattern.pattern() + ")$";
  }
}
