package health.sihha.hie.keycloak.mapper;

import health.sihha.hie.keycloak.launch.SmartNotes;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenResponseMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.representations.IDToken;

/**
 * The SMART {@code patient} launch context, fixed at login by the launch-context authenticator, as a claim of the
 * access token and as a top-level field of the token response.
 */
public final class SmartPatientMapper extends AbstractOIDCProtocolMapper
    implements OIDCAccessTokenMapper, OIDCAccessTokenResponseMapper {

  public static final String PROVIDER_ID = "sihha-smart-patient-mapper";
  static final String CLAIM = "patient";
  private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

  static {
    OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, SmartPatientMapper.class);
  }

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String getDisplayType() {
    return "SMART patient context";
  }

  @Override
  public String getDisplayCategory() {
    return TOKEN_MAPPER_CATEGORY;
  }

  @Override
  public String getHelpText() {
    return "Adds the patient in context of the SMART launch to the access token and the token response.";
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return List.copyOf(CONFIG);
  }

  @Override
  protected void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession,
      KeycloakSession session, ClientSessionContext clientSession) {
    String patient = patient(clientSession);
    if (patient != null) {
      token.getOtherClaims().put(CLAIM, patient);
    }
  }

  @Override
  protected void setClaim(AccessTokenResponse response, ProtocolMapperModel mapping, UserSessionModel userSession,
      KeycloakSession session, ClientSessionContext clientSession) {
    String patient = patient(clientSession);
    if (patient != null) {
      response.setOtherClaims(CLAIM, patient);
    }
  }

  private static String patient(ClientSessionContext clientSession) {
    return clientSession == null || clientSession.getClientSession() == null ? null
        : clientSession.getClientSession().getNote(SmartNotes.PATIENT);
  }
}
