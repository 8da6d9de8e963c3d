package health.sihha.hie.interceptors.security;

import health.sihha.hie.interceptors.security.SmartScope.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes of one token, as granted in its space-separated {@code scope} claim.
 *
 * <p>Resource scopes ({@code patient/…}, {@code user/…}, {@code system/…}) grant access; anything else without a
 * dot or slash form of a resource scope ({@code openid}, {@code fhirUser}, {@code launch}, {@code launch/patient},
 * {@code offline_access}) grants no data but stays queryable with {@link #has(String)}; a scope that looks like a
 * resource scope but is not well formed (for example a bare {@code *.*}, {@code patient/Observation.sr}, or a v1 form
 * with a query) grants nothing and is kept in {@link #malformed()} for the log.
 *
 * @param resourceScopes the well-formed resource scopes
 * @param otherScopes the scopes that grant no data
 * @param malformed the resource-like scopes that could not be parsed
 */
public record SmartScopes(List<SmartScope> resourceScopes, Set<String> otherScopes, Set<String> malformed) {

  public SmartScopes {
    resourceScopes = List.copyOf(resourceScopes);
    otherScopes = Set.copyOf(otherScopes);
    malformed = Set.copyOf(malformed);
  }

  /** The scopes of a {@code scope} claim; {@code null} or blank gives none. */
  public static SmartScopes parse(String claim) {
    List<SmartScope> resources = new ArrayList<>();
    Set<String> others = new LinkedHashSet<>();
    Set<String> malformed = new LinkedHashSet<>();
    if (claim != null) {
      for (String text : claim.trim().split("\\s+")) {
        if (text.isEmpty()) {
          continue;
        }
        Optional<SmartScope> scope = SmartScope.parse(text);
        if (scope.isPresent()) {
          resources.add(scope.get());
        } else if (looksLikeResourceScope(text)) {
          malformed.add(text);
        } else {
          others.add(text);
        }
      }
    }
    return new SmartScopes(resources, others, malformed);
  }

  /** Whether the token was granted {@code scope} exactly as written, e.g. {@code launch/patient}. */
  public boolean has(String scope) {
    return otherScopes.contains(scope) || resourceScopes.stream().anyMatch(s -> s.text().equals(scope));
  }

  /** Whether any scope allows {@code interaction} on {@code type}, restricted or not. */
  public boolean permits(Interaction interaction, String type) {
    return !permitting(interaction, type).isEmpty();
  }

  /** The scopes that allow {@code interaction} on {@code type}, each with its query restriction for the rules. */
  public List<SmartScope> permitting(Interaction interaction, String type) {
    return resourceScopes.stream().filter(s -> s.permits(interaction, type)).toList();
  }

  /** The resource scopes of one context. */
  public List<SmartScope> in(Context context) {
    return resourceScopes.stream().filter(s -> s.context() == context).toList();
  }

  private static boolean looksLikeResourceScope(String text) {
    return text.startsWith("patient/") || text.startsWith("user/") || text.startsWith("system/")
        || text.contains(".");
  }
}
