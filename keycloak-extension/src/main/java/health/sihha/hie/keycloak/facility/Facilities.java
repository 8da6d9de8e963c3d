package health.sihha.hie.keycloak.facility;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Where a principal of the realm works. A person's facility is the group they are a member of under
 * {@value #GROUP_PARENT} ({@code /facilities/provider-a}, or a unit of it such as {@code /facilities/ministry/terminology}):
 * exactly one such group, or none at all. A service account's facility is its client's attribute
 * {@value #CLIENT_FACILITY}; service accounts belong to no facility group, and their groups are never read.
 */
public final class Facilities {

  /** The group whose subgroups are the facilities. */
  public static final String GROUP_PARENT = "/facilities";
  /** Client attribute: the facility of the client's service account. */
  public static final String CLIENT_FACILITY = "sihha.facility";
  /** Client attribute: the audiences of the service account's tokens, separated by white space. */
  public static final String CLIENT_AUDIENCES = "sihha.audiences";

  private Facilities() {}

  /**
   * The facility unit of a person given the paths of the groups they are a direct member of: the path below
   * {@value #GROUP_PARENT} ({@code provider-a}, {@code ministry/terminology}) of the one group there, empty when the
   * person is in none or in more than one.
   */
  public static Optional<String> unitOf(Stream<String> groupPaths) {
    List<String> units = groupPaths.filter(path -> path != null && path.startsWith(GROUP_PARENT + "/"))
        .map(path -> path.substring(GROUP_PARENT.length() + 1)).filter(unit -> !unit.isBlank()).distinct().toList();
    return units.size() == 1 ? Optional.of(units.get(0)) : Optional.empty();
  }

  /** The facility of a unit: its first path segment ({@code ministry} for {@code ministry/terminology}). */
  public static String facilityOf(String unit) {
    int slash = unit.indexOf('/');
    return slash < 0 ? unit : unit.substring(0, slash);
  }

  /** The facility unit of a person (never of a service account: empty for those). */
  public static Optional<String> unitOf(UserModel user) {
    if (user == null || user.getServiceAccountClientLink() != null) {
      return Optional.empty();
    }
    return unitOf(user.getGroupsStream().map(Facilities::path));
  }

  /** A group's path, {@code /facilities/provider-a}. */
  static String path(GroupModel group) {
    StringBuilder path = new StringBuilder();
    for (GroupModel g = group; g != null; g = g.getParent()) {
      path.insert(0, "/" + g.getName());
    }
    return path.toString();
  }

  /** The facility of a person or of a service account. */
  public static Optional<String> facilityOf(RealmModel realm, UserModel user) {
    if (user == null) {
      return Optional.empty();
    }
    if (user.getServiceAccountClientLink() != null) {
      return facilityOfClient(realm.getClientById(user.getServiceAccountClientLink()));
    }
    return unitOf(user).map(Facilities::facilityOf);
  }

  /** The facility a client's attribute names, if any. */
  public static Optional<String> facilityOfClient(ClientModel client) {
    String facility = client == null ? null : client.getAttribute(CLIENT_FACILITY);
    return facility == null || facility.isBlank() ? Optional.empty() : Optional.of(facility.trim());
  }
}
