package health.sihha.hie.keycloak.facility;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.keycloak.util.JsonSerialization;

/**
 * Which servers a person's tokens name in {@code aud}, by facility unit, as the realm's mapper configures it:
 *
 * <pre>{"staff": {"provider-a": ["http://127.0.0.1:8081/fhir", "http://127.0.0.1:8090/fhir"],
 *            "ministry/terminology": ["http://127.0.0.1:8090/fhir"]},
 *  "launch": ["http://127.0.0.1:8090/fhir"]}</pre>
 *
 * <p>A unit not named takes the entry of its nearest ancestor ({@code ministry} for {@code ministry/records}), else
 * none. A SMART app launch names exactly its {@code aud} (the server the app was launched against), plus the
 * {@code launch} audiences, and only if that {@code aud} is one of the person's; otherwise no audience at all.
 *
 * @param staff unit → audiences of its people
 * @param launch audiences a SMART launch token carries besides its {@code aud}
 */
public record AudienceRules(Map<String, List<String>> staff, List<String> launch) {

  public AudienceRules {
    Map<String, List<String>> copy = new TreeMap<>();
    (staff == null ? Map.<String, List<String>>of() : staff).forEach((unit, audiences) ->
        copy.put(unit, audiences == null ? List.of() : audiences.stream().map(AudienceRules::normalise).toList()));
    staff = Map.copyOf(copy);
    launch = launch == null ? List.of() : launch.stream().map(AudienceRules::normalise).toList();
  }

  /**
   * Parses the mapper's JSON configuration.
   *
   * @throws IllegalArgumentException when it is not the JSON above
   */
  public static AudienceRules parse(@Nullable String json) {
    if (json == null || json.isBlank()) {
      return new AudienceRules(Map.of(), List.of());
    }
    try {
      Config config = JsonSerialization.readValue(json, Config.class);
      return new AudienceRules(config.staff, config.launch);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a facility audience configuration: " + e.getMessage(), e);
    }
  }

  /**
   * The grant of a person of {@code unit}.
   *
   * @param smartAud the SMART {@code aud} of an app launch, or null for any other token
   */
  public FacilityGrant person(String unit, @Nullable String smartAud) {
    List<String> own = audiencesOf(unit);
    String facility = Facilities.facilityOf(unit);
    if (smartAud == null) {
      return new FacilityGrant(facility, own);
    }
    String requested = normalise(smartAud);
    if (!own.contains(requested)) {
      return new FacilityGrant(facility, List.of());
    }
    List<String> audiences = new ArrayList<>();
    audiences.add(requested);
    audiences.addAll(launch);
    return new FacilityGrant(facility, audiences);
  }

  /** The grant of a service account whose client names {@code facility} and {@code audiences} (white-space list). */
  public static FacilityGrant serviceAccount(@Nullable String facility, @Nullable String audiences) {
    if (facility == null || facility.isBlank()) {
      return FacilityGrant.NONE;
    }
    List<String> list = audiences == null || audiences.isBlank() ? List.of()
        : Arrays.stream(audiences.trim().split("\\s+")).map(AudienceRules::normalise).toList();
    return new FacilityGrant(facility.trim(), list);
  }

  private List<String> audiencesOf(String unit) {
    for (String candidate = unit; ; candidate = candidate.substring(0, candidate.lastIndexOf('/'))) {
      List<String> audiences = staff.get(candidate);
      if (audiences != null) {
        return audiences;
      }
      if (candidate.indexOf('/') < 0) {
        return List.of();
      }
    }
  }

  /** A base URL without a trailing slash, as servers compare it. */
  static String normalise(String url) {
    String trimmed = url.trim();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  /** The JSON form. */
  static final class Config {

    @JsonProperty("staff")
    Map<String, List<String>> staff;

    @JsonProperty("launch")
    List<String> launch;
  }
}
