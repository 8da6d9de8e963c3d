package health.sihha.hie.keycloak.facility;

import java.util.Optional;
import org.keycloak.authorization.identity.Identity;
import org.keycloak.authorization.model.Resource;
import org.keycloak.authorization.policy.evaluation.Evaluation;
import org.keycloak.authorization.policy.provider.PolicyProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Admin-permission policy: grants when the administrator is the service account of a client of facility F (client
 * attribute {@value Facilities#CLIENT_FACILITY}) and the user the permission is evaluated on is a person of F (in
 * F's facility group, or a unit of it). Never grants for a service account as target, nor on all users at once.
 *
 * <p>Keycloak's fine-grained admin permissions scope {@code view} and {@code manage} to a group's members, but not
 * {@code map-roles}: a Users permission with this policy alone is how a facility's server maps roles to its own staff
 * and to nobody else. It is not partially evaluated (it lists nobody), so a permission holding it never widens
 * which users an administrator can list.
 */
final class FacilityStaffPolicyProvider implements PolicyProvider {

  @Override
  public void evaluate(Evaluation evaluation) {
    KeycloakSession session = evaluation.getAuthorizationProvider().getKeycloakSession();
    RealmModel realm = evaluation.getAuthorizationProvider().getRealm();
    Optional<String> facility = administratorFacility(session, realm, evaluation.getContext().getIdentity());
    Resource resource = evaluation.getPermission().getResource();
    if (facility.isEmpty() || resource == null) {
      return;
    }
    UserModel target = session.users().getUserById(realm, resource.getName());
    if (target != null && Facilities.unitOf(target).map(Facilities::facilityOf).equals(facility)) {
      evaluation.grant();
    }
  }

  /**
   * The facility of the administrator when it is a facility client's service account. Keycloak identifies a
   * service account by its client's id (a user's token by the user's id).
   */
  static Optional<String> administratorFacility(KeycloakSession session, RealmModel realm, Identity identity) {
    if (identity == null || identity.getId() == null) {
      return Optional.empty();
    }
    ClientModel client = realm.getClientById(identity.getId());
    if (client == null) {
      UserModel user = session.users().getUserById(realm, identity.getId());
      if (user == null || user.getServiceAccountClientLink() == null) {
        return Optional.empty();
      }
      client = realm.getClientById(user.getServiceAccountClientLink());
    }
    return Facilities.facilityOfClient(client);
  }

  @Override
  public void close() {
  }
}
