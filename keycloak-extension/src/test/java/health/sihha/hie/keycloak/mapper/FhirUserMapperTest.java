package health.sihha.hie.keycloak.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

class FhirUserMapperTest {

  private final FhirUserMapper mapper = new FhirUserMapper();

  private static UserSessionModel userWith(String attribute, String value) {
    UserModel user = mock(UserModel.class);
    when(user.getFirstAttribute(attribute)).thenReturn(value);
    UserSessionModel session = mock(UserSessionModel.class);
    when(session.getUser()).thenReturn(user);
    return session;
  }

  private static ProtocolMapperModel model(Map<String, String> config) {
    ProtocolMapperModel model = new ProtocolMapperModel();
    model.setConfig(config);
    return model;
  }

  @Test
  void buildsAPractitionerReferenceByDefault() {
    AccessToken token = new AccessToken();

    mapper.setClaim(token, model(Map.of()), userWith("practitioner", "pa-nurse"), null, null);

    assertThat(token.getOtherClaims()).containsEntry("fhirUser", "Practitioner/pa-nurse");
  }

  @Test
  void followsTheConfiguredTypeAndAttribute() {
    AccessToken token = new AccessToken();

    mapper.setClaim(token, model(Map.of("resource.type", "Patient", "user.attribute", "patient")),
        userWith("patient", "pat-7"), null, null);

    assertThat(token.getOtherClaims()).containsEntry("fhirUser", "Patient/pat-7");
  }

  @Test
  void addsNothingForAUserWithoutTheAttribute() {
    AccessToken token = new AccessToken();

    mapper.setClaim(token, model(Map.of()), userWith("practitioner", null), null, null);

    assertThat(token.getOtherClaims()).doesNotContainKey("fhirUser");
  }
}
