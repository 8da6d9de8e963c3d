package health.sihha.hie.keycloak.facility;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.identity.Identity;
import org.keycloak.authorization.model.Resource;
import org.keycloak.authorization.permission.ResourcePermission;
import org.keycloak.authorization.policy.evaluation.Evaluation;
import org.keycloak.authorization.policy.evaluation.EvaluationContext;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

class FacilityStaffPolicyProviderTest {

  private final FacilityStaffPolicyProvider policy = new FacilityStaffPolicyProvider();
  private final RealmModel realm = mock(RealmModel.class);
  private final UserProvider users = mock(UserProvider.class);
  private final KeycloakSession session = mock(KeycloakSession.class);

  FacilityStaffPolicyProviderTest() {
    when(session.users()).thenReturn(users);
    ClientModel providerA = mock(ClientModel.class);
    when(providerA.getAttribute(Facilities.CLIENT_FACILITY)).thenReturn("provider-a");
    when(realm.getClientById("client-a")).thenReturn(providerA);
    person("nurse-a", "provider-a");
    person("nurse-b", "provider-b");
    UserModel account = person("service-account-ministry", "provider-a");
    when(account.getServiceAccountClientLink()).thenReturn("client-ministry");
  }

  @Test
  void aFacilityClientsServiceAccountGetsItsOwnStaffOnly() {
    Evaluation own = evaluation("client-a", "nurse-a");
    Evaluation other = evaluation("client-a", "nurse-b");
    Evaluation account = evaluation("client-a", "service-account-ministry");
    Evaluation everyone = evaluation("client-a", "Users");

    policy.evaluate(own);
    policy.evaluate(other);
    policy.evaluate(account);
    policy.evaluate(everyone);

    verify(own).grant();
    verify(other, never()).grant();
    verify(account, never()).grant();
    verify(everyone, never()).grant();
  }

  @Test
  void aPersonOrAClientOfNoFacilityGetsNothing() {
    when(users.getUserById(realm, "admin-user")).thenReturn(mock(UserModel.class));
    Evaluation person = evaluation("admin-user", "nurse-a");
    Evaluation unknown = evaluation("nobody", "nurse-a");

    policy.evaluate(person);
    policy.evaluate(unknown);

    verify(person, never()).grant();
    verify(unknown, never()).grant();
  }

  private UserModel person(String id, String facility) {
    GroupModel parent = mock(GroupModel.class);
    when(parent.getName()).thenReturn("facilities");
    GroupModel group = mock(GroupModel.class);
    when(group.getName()).thenReturn(facility);
    when(group.getParent()).thenReturn(parent);
    UserModel user = mock(UserModel.class);
    List<GroupModel> groups = List.of(group);
    when(user.getGroupsStream()).thenAnswer(call -> groups.stream());
    when(users.getUserById(realm, id)).thenReturn(user);
    return user;
  }

  private Evaluation evaluation(String administrator, String target) {
    Identity identity = mock(Identity.class);
    when(identity.getId()).thenReturn(administrator);
    EvaluationContext context = mock(EvaluationContext.class);
    when(context.getIdentity()).thenReturn(identity);
    Resource resource = mock(Resource.class);
    when(resource.getName()).thenReturn(target);
    ResourcePermission permission = mock(ResourcePermission.class);
    when(permission.getResource()).thenReturn(resource);
    AuthorizationProvider authorization = mock(AuthorizationProvider.class);
    when(authorization.getKeycloakSession()).thenReturn(session);
    when(authorization.getRealm()).thenReturn(realm);
    Evaluation evaluation = mock(Evaluation.class);
    when(evaluation.getAuthorizationProvider()).thenReturn(authorization);
    when(evaluation.getContext()).thenReturn(context);
    when(evaluation.getPermission()).thenReturn(permission);
    return evaluation;
  }
}
