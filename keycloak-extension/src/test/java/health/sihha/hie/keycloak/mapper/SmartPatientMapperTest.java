package health.sihha.hie.keycloak.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import health.sihha.hie.keycloak.launch.SmartNotes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;

class SmartPatientMapperTest {

  private final SmartPatientMapper mapper = new SmartPatientMapper();
  private final ProtocolMapperModel model = new ProtocolMapperModel();

  SmartPatientMapperTest() {
    model.setConfig(Map.of("access.token.claim", "true", "access.tokenResponse.claim", "true"));
  }

  private static ClientSessionContext sessionWithPatient(String patient) {
    AuthenticatedClientSessionModel clientSession = mock(AuthenticatedClientSessionModel.class);
    when(clientSession.getNote(SmartNotes.PATIENT)).thenReturn(patient);
    ClientSessionContext context = mock(ClientSessionContext.class);
    when(context.getClientSession()).thenReturn(clientSession);
    return context;
  }

  @Test
  void putsThePatientInTheAccessTokenAndTheTokenResponse() {
    AccessToken token = new AccessToken();
    AccessTokenResponse response = new AccessTokenResponse();

    mapper.setClaim(token, model, null, null, sessionWithPatient("pat-1"));
    mapper.setClaim(response, model, null, null, sessionWithPatient("pat-1"));

    assertThat(token.getOtherClaims()).containsEntry("patient", "pat-1");
    assertThat(response.getOtherClaims()).containsEntry("patient", "pat-1");
  }

  @Test
  void addsNothingWithoutALaunchContext() {
    AccessToken token = new AccessToken();
    AccessTokenResponse response = new AccessTokenResponse();

    mapper.setClaim(token, model, null, null, sessionWithPatient(null));
    mapper.setClaim(response, model, null, null, null);

    assertThat(token.getOtherClaims()).doesNotContainKey("patient");
    assertThat(response.getOtherClaims()).doesNotContainKey("patient");
  }
}
