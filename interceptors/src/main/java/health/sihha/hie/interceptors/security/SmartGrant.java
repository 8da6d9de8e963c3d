package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.Set;

/**
 * What a verified access token grants: who asks, through which client, with which scopes, roles and context.
 *
 * @param subject the token's {@code sub}
 * @param clientId the client the token was issued to ({@code azp})
 * @param scopes the granted SMART scopes
 * @param roles the realm roles ({@code roles} claim), e.g. {@code nurse} or {@code system}
 * @param facility the user's facility ({@code facility} claim), e.g. {@code provider-a}
 * @param region the user's region ({@code region} claim)
 * @param specialty the user's clinical specialty ({@code specialty} claim), e.g. {@code psychiatry}
 * @param patient the launch-context patient id ({@code patient} claim)
 * @param fhirUser the user's FHIR resource, e.g. {@code Practitioner/pa-nurse}
 * @param expiresAt when the token expires
 */
public record SmartGrant(
    String subject,
    @Nullable String clientId,
    SmartScopes scopes,
    Set<String> roles,
    @Nullable String facility,
    @Nullable String region,
    @Nullable String specialty,
    @Nullable String patient,
    @Nullable String fhirUser,
    Instant expiresAt) {

  /** The realm role of service accounts: it lifts the clinical-role restrictions, never the scopes. */
  public static final String SYSTEM_ROLE = "system";

  public SmartGrant {
    requireNonNull(subject);
    requireNonNull(scopes);
    roles = Set.copyOf(roles);
    requireNonNull(expiresAt);
  }

  /** Whether the token carries realm role {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
