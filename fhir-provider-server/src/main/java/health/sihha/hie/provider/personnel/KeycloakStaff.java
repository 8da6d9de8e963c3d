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
 * The staff's accounts in the realm, through the admin API as this provider's service account. That account holds no
 * realm-wide user role (only {@code query-users}, {@code query-groups}): the realm's fine-grained admin permissions
 * ({@code keycloak/setup-permissions.sh}) let it see, create, update and disable the members of its facility group
 * {@code /facilities/<facility>} and map them the clinical roles, and nothing else. So every search here sees only
 * this facility's staff; an account is found by its {@code practitioner} attribute, else by user name, and created,
 * only once the practitioner holds a realm role, with its facility group in the create request (the group is what
 * gives its tokens their {@code facility}; no attribute does).
 */
final class KeycloakStaff {

  static final String PRACTITIONER = "practitioner";
  /** The parent of the facility groups: an account of facility F is created in {@code /facilities/F}. */
  static final String FACILITY_GROUPS = "/facilities/";
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
   * @throws UnprocessableEntityException when the user name is taken by an account this facility cannot manage
   */
  void apply(StaffAccount account) {
    try {
      UsersResource users = keycloak.realm(realm).users();
      Optional<UserRepresentation> existing = find(users, account);
      if (existing.isEmpty() && (account.username() == null || account.roles().isEmpty())) {
        return;
      }
      UserRepresentation user = existing.orElseGet(UserRepresentation::new);
      fill(user, account);
      String id;
      if (existing.isPresent()) {
        id = user.getId();
        users.get(id).update(user);
      } else {
        user.setGroups(List.of(FACILITY_GROUPS + account.facility()));
        try (Response created = users.create(user)) {
          if (created.getStatus() == Response.Status.CONFLICT.getStatusCode()) {
            throw new UnprocessableEntityException(Codes.of(1291) + "the user name " + account.username()
                + " is taken by an account that is not of this facility's staff; give Practitioner/"
                + account.practitioner() + " another identifier");
          }
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
    // the searches see this facility's staff only (the admin permissions filter them)
    List<UserRepresentation> linked = users.searchByAttributes(0, 1, null, false, true,
        PRACTITIONER + ":" + account.practitioner());
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
}
