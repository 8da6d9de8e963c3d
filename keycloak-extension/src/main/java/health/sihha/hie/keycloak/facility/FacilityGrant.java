package health.sihha.hie.keycloak.facility;

import jakarta.annotation.Nullable;
import java.util.List;

/**
 * What a token of a principal carries: its {@code facility} claim (none for a principal of no facility) and the
 * audiences ({@code aud}) of its access token, which name exactly the servers it may call.
 */
public record FacilityGrant(@Nullable String facility, List<String> audiences) {

  /** No facility, no audience: a token that no server of the exchange accepts. */
  public static final FacilityGrant NONE = new FacilityGrant(null, List.of());

  public FacilityGrant {
    audiences = audiences.stream().distinct().toList();
  }
}
