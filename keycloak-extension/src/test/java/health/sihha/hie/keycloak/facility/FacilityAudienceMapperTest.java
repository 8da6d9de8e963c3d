package health.sihha.hie.keycloak.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.GroupModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

class FacilityAudienceMapperTest {

  private static final String A = "http://127.0.0.1:8081/fhir";
  private static final String T = "http://127.0.0.1:8090/fhir";
  private final FacilityAudienceMapper mapper = new FacilityAudienceMapper();
  private final ProtocolMapperModel model = new ProtocolMapperModel();
  private final RealmModel realm = mock(RealmModel.class);

  FacilityAudienceMapperTest() {
    model.setConfig(Map.of("access.token.claim", "true", "id.token.claim", "true", FacilityAudienceMapper.AUDIENCES,
        "{\"staff\": {\"provider-a\": [\"" + A + "\", \"" + T + "\"]}, \"launch\": [\"" + T + "\"]}"));
  }

  @Test
  void aPersonsAccessTokenNamesTheFacilityOfTheirGroupAndItsAudiencesTheIdTokenOnlyTheFacility() {
    UserSessionModel session = session(person("/facilities/provider-a"));
    ClientSessionContext client = client(false, null);

    AccessToken access = mapper.transformAccessToken(new AccessToken(), model, null, session, client);
    IDToken id = mapper.transformIDToken(new IDToken(), model, null, session, client);

    assertThat(access.getOtherClaims()).containsEntry("facility", "provider-a");
    assertThat(access.getAudience()).containsExactly(A, T);
    assertThat(id.getOtherClaims()).containsEntry("facility", "provider-a");
    assertThat(id.getAudience()).isNull();
  }

  @Test
  void aSmartAppsTokenNamesItsAudAndAnotherClientsAudIsIgnored() {
    UserSessionModel session = session(person("/facilities/provider-a"));

    AccessToken launch = mapper.transformAccessToken(new AccessToken(), model, null, session, client(true, A));
    AccessToken other = mapper.transformAccessToken(new AccessToken(), model, null, session,
        client(false, "http://127.0.0.1:8080/ingest"));

    assertThat(launch.getAudience()).containsExactly(A, T);
    assertThat(other.getAudience()).containsExactly(A, T);
  }

  @Test
  void aPersonOfNoFacilityOrOfTwoGetsNeitherClaimNorAudience() {
    for (UserModel user : new UserModel[] {person(), person("/facilities/provider-a", "/facilities/provider-b")}) {
      AccessToken token = mapper.transformAccessToken(new AccessToken(), model, null, session(user),
          client(false, null));

      assertThat(token.getOtherClaims()).doesNotContainKey("facility");
      assertThat(token.getAudience()).isNull();
    }
  }

  @Test
  void aServiceAccountTakesItsClientsAttributesAndNeverItsGroups() {
    ClientModel provider = mock(ClientModel.class);
    when(provider.getAttribute(Facilities.CLIENT_FACILITY)).thenReturn("provider-a");
    when(provider.getAttribute(Facilities.CLIENT_AUDIENCES)).thenReturn(A + " http://127.0.0.1:8080/ingest");
    when(realm.getClientById("client-uuid")).thenReturn(provider);
    UserModel account = person("/facilities/provider-b");
    when(account.getServiceAccountClientLink()).thenReturn("client-uuid");

    AccessToken token = mapper.transformAccessToken(new AccessToken(), model, null, session(account),
        client(false, null));

    assertThat(token.getOtherClaims()).containsEntry("facility", "provider-a");
    assertThat(token.getAudience()).containsExactly(A, "http://127.0.0.1:8080/ingest");
  }

  private UserSessionModel session(UserModel user) {
    UserSessionModel session = mock(UserSessionModel.class);
    when(session.getUser()).thenReturn(user);
    when(session.getRealm()).thenReturn(realm);
    return session;
  }

  private static UserModel person(String... groupPaths) {
    List<GroupModel> groups = Stream.of(groupPaths).map(FacilityAudienceMapperTest::group).toList();
    UserModel user = mock(UserModel.class);
    when(user.getGroupsStream()).thenAnswer(call -> groups.stream());
    return user;
  }

  private static GroupModel group(String path) {
    GroupModel parent = null;
    for (String name : path.substring(1).split("/")) {
      GroupModel group = mock(GroupModel.class);
      when(group.getName()).thenReturn(name);
      when(group.getParent()).thenReturn(parent);
      parent = group;
    }
    return parent;
  }

  private static ClientSessionContext client(boolean smartApp, String aud) {
    ClientModel client = mock(ClientModel.class);
    when(client.getAttribute(FacilityAudienceMapper.SMART_APP)).thenReturn(String.valueOf(smartApp));
    AuthenticatedClientSessionModel clientSession = mock(AuthenticatedClientSessionModel.class);
    when(clientSession.getClient()).thenReturn(client);
    when(clientSession.getNote(FacilityAudienceMapper.AUD_NOTE)).thenReturn(aud);
    ClientSessionContext context = mock(ClientSessionContext.class);
    when(context.getClientSession()).thenReturn(clientSession);
    return context;
  }
}
