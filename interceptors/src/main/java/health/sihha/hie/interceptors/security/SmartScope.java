package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART App Launch resource scope: {@code <context>/<type>.<permissions>[?<query>]}.
 *
 * <p>v2 permissions are letters of {@code cruds} in that order; the v1 forms map onto them: {@code read} = {@code rs},
 * {@code write} = {@code cud}, {@code *} = {@code cruds}. Only v2 scopes may carry a query restriction, e.g.
 * {@code patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory}:
 * each parameter name maps to the values a search must use (a comma in the scope means "any of").
 *
 * @param context whose data the scope reaches
 * @param resourceType a FHIR resource type or {@code *} for all
 * @param permissions what the scope allows
 * @param query the restriction, parameter name to allowed values; empty when unrestricted
 * @param text the scope as written in the token
 */
public record SmartScope(
    Context context, String resourceType, Set<Interaction> permissions, Map<String, List<String>> query, String text) {

  /** Whose data a scope reaches. */
  public enum Context {
    /** The data of the patient in the token's launch context. */
    PATIENT,
    /** Whatever the user may see. */
    USER,
    /** Whatever the client (a backend service) may see. */
    SYSTEM
  }

  public static final String ALL_TYPES = "*";

  private static final Pattern FORM =
      Pattern.compile("(patient|user|system)/([A-Z][A-Za-z]*|\\*)\\.([a-z]+|\\*)(?:\\?(.+))?");
  private static final Pattern V2_LETTERS = Pattern.compile("c?r?u?d?s?");
  private static final Pattern PARAMETER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]*");

  public SmartScope {
    requireNonNull(context);
    requireNonNull(resourceType);
    permissions = Set.copyOf(permissions);
    query = Map.copyOf(query);
    requireNonNull(text);
  }

  /** The scope {@code text} stands for, or empty when it is not a well-formed resource scope. */
  public static Optional<SmartScope> parse(String text) {
    Matcher form = FORM.matcher(text);
    if (!form.matches()) {
      return Optional.empty();
    }
    Context context = Context.valueOf(form.group(1).toUpperCase());
    Optional<Set<Interaction>> permissions = permissions(form.group(3), form.group(4) != null);
    Optional<Map<String, List<String>>> query = form.group(4) == null ? Optional.of(Map.of()) : query(form.group(4));
    if (permissions.isEmpty() || query.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SmartScope(context, form.group(2), permissions.get(), query.get(), text));
  }

  /** Whether this scope allows {@code interaction} on resources of {@code type}. */
  public boolean permits(Interaction interaction, String type) {
    return permissions.contains(interaction) && covers(type);
  }

  /** Whether this scope reaches resources of {@code type}. */
  public boolean covers(String type) {
    return ALL_TYPES.equals(resourceType) || resourceType.equals(type);
  }

  /** Whether a search under this scope must carry a restriction. */
  public boolean restricted() {
    return !query.isEmpty();
  }

  private static Optional<Set<Interaction>> permissions(String written, boolean hasQuery) {
    switch (written) {
      case "read":
      case "write":
      case "*":
        return hasQuery ? Optional.empty() : Optional.of(v1(written));
      default:
        if (!V2_LETTERS.matcher(written).matches()) {
          return Optional.empty();
        }
        EnumSet<Interaction> granted = EnumSet.noneOf(Interaction.class);
        for (Interaction interaction : Interaction.values()) {
          if (written.indexOf(interaction.letter()) >= 0) {
            granted.add(interaction);
          }
        }
        return Optional.of(granted);
    }
  }

  private static Set<Interaction> v1(String written) {
    return switch (written) {
      case "read" -> EnumSet.of(Interaction.READ, Interaction.SEARCH);
      case "write" -> EnumSet.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE);
      default -> EnumSet.allOf(Interaction.class);
    };
  }

  private static Optional<Map<String, List<String>>> query(String written) {
    try {
      return decodedQuery(written);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Map<String, List<String>>> decodedQuery(String written) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String pair : written.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        return Optional.empty();
      }
      String name = decode(pair.substring(0, eq));
      if (!PARAMETER.matcher(name).matches() || query.containsKey(name)) {
        return Optional.empty();
      }
      List<String> values = new ArrayList<>(Arrays.asList(decode(pair.substring(eq + 1)).split(",", -1)));
      if (values.stream().anyMatch(String::isBlank)) {
        return Optional.empty();
      }
      query.put(name, List.copyOf(values));
    }
    return Optional.of(query);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
