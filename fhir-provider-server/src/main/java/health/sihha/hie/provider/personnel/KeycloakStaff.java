package health.sihha.hie.provider.personnel;

import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RoleScopeResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff's accounts in the realm, through the admin API as this provider's service account (realm-management
 * roles manage-users, view-users, query-users). An account is found by its {@code practitioner} and
 * {@code facility} attributes, else by user name; it is created only once the practitioner holds a realm role.
 */
final class KeycloakStaff {

  static final String FACILITY = "facility";
  static final String PRACTITIONER = "practitioner";
  private static final Logger LOG = LoggerFactory.getLogger(KeycloakStaff.class);

  private final Keycloak keycloak;
  private final String realm;

  KeycloakStaff(Keycloak keycloak, String realm) {
    this.keycloak = keycloak;
    this.realm = realm;
  }

  /**
   * Makes the realm hold {@code account}: created, updated, enabled or disabled, its managed roles those of
   * {@code account}.
   *
   * @throws UnclassifiedServerFailureException 503 when Keycloak cannot be reached or refuses the change
   * @throws UnprocessableEntityException when the user name is another facility's account
   */
  void apply(StaffAccount account) {
    try {
      UsersResource users = keycloak.realm(realm).users();
      Optional<UserRepresentation> existing = find(users, account);
      if (existing.isEmpty() && (account.username() == null || account.roles().isEmpty())) {
        return;
      }
      UserRepresentation user = existing.orElseGet(UserRepresentation::new);
      String facility = first(user, FACILITY);
      if (facility != null && !facility.equals(account.facility())) {
        throw new UnprocessableEntityException(Codes.of(1291) + "the user name " + account.username()
            + " is an account of facility " + facility + "; give Practitioner/" + account.practitioner()
            + " another identifier");
      }
      fill(user, account);
      String id;
      if (existing.isPresent()) {
        id = user.getId();
        users.get(id).update(user);
      } else {
        try (Response created = users.create(user)) {
          id = CreatedResponseUtil.getCreatedId(created);
        }
        LOG.info("Account {} created for Practitioner/{}", account.username(), account.practitioner());
      }
      syncRoles(users.get(id), account);
    } catch (ProcessingException | WebApplicationException e) {
      throw new UnclassifiedServerFailureException(503, Codes.of(1290) + "the account of Practitioner/"
          + account.practitioner() + " could not be provisioned in the identity provider (" + e.getMessage()
          + "); nothing was stored, retry later");
    }
  }

  private Optional<UserRepresentation> find(UsersResource users, StaffAccount account) {
    List<UserRepresentation> linked = users.searchByAttributes(0, 1, null, false, true,
        PRACTITIONER + ":" + account.practitioner() + " " + FACILITY + ":" + account.facility());
    if (!linked.isEmpty() || account.username() == null) {
      return linked.stream().findFirst();
    }
    return users.searchByUsername(account.username(), true).stream().findFirst();
  }

  private static void fill(UserRepresentation user, StaffAccount account) {
    if (user.getUsername() == null) {
      user.setUsername(account.username());
    }
    user.setEnabled(account.enabled());
    if (account.username() != null) {
      user.setFirstName(account.firstName());
      user.setLastName(account.lastName());
      user.setEmail(account.email());
    }
    Map<String, List<String>> attributes = new HashMap<>(user.getAttributes() == null ? Map.of() : user.getAttributes());
    attributes.put(FACILITY, List.of(account.facility()));
    attributes.put(PRACTITIONER, List.of(account.practitioner()));
    user.setAttributes(attributes);
  }

  private static void syncRoles(UserResource user, StaffAccount account) {
    RoleScopeResource realmRoles = user.roles().realmLevel();
    List<RoleRepresentation> revoked = realmRoles.listAll().stream()
        .filter(role -> StaffRoles.MANAGED.contains(role.getName()) && !account.roles().contains(role.getName()))
        .toList();
    if (!revoked.isEmpty()) {
      realmRoles.remove(revoked);
    }
    List<String> held = realmRoles.listAll().stream().map(RoleRepresentation::getName).toList();
    List<RoleRepresentation> granted = realmRoles.listAvailable().stream()
        .filter(role -> account.roles().contains(role.getName()) && !held.contains(role.getName())).toList();
    if (!granted.isEmpty()) {
      realmRoles.add(granted);
    }
  }

  private static String first(UserRepresentation user, String attribute) {
    List<String> values = user.getAttributes() == null ? null : user.getAttributes().get(attribute);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
