package health.sihha.hie.keycloak.facility;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

/**
 * The {@code facility} claim and the access token's {@code aud}, from where the principal works (see
 * {@link Facilities}): a person's from their facility group and the mapper's {@link AudienceRules}; a service
 * account's from its client's attributes {@value Facilities#CLIENT_FACILITY} and {@value Facilities#CLIENT_AUDIENCES};
 * a SMART app launch's (client attribute {@value #SMART_APP}{@code =true}, whose {@code aud} the realm's client policy
 * checked) exactly the launch's {@code aud}. A principal of no facility gets neither claim nor audience.
 */
public final class FacilityAudienceMapper extends AbstractOIDCProtocolMapper
    implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

  public static final String PROVIDER_ID = "sihha-facility-audience-mapper";
  static final String CLAIM = "facility";
  static final String AUDIENCES = "audiences";
  static final String SMART_APP = "sihha.smart.app";
  /** Client-session note where Keycloak keeps the authorization request's {@code aud} parameter. */
  static final String AUD_NOTE = "client_request_param_aud";
  private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();
  private static volatile Parsed parsed = new Parsed("", AudienceRules.parse(""));

  static {
    CONFIG.add(new ProviderConfigProperty(AUDIENCES, "Audiences by facility",
        "JSON: {\"staff\": {\"<facility unit>\": [\"<FHIR base>\", ...]}, \"launch\": [\"<audience added to a SMART"
            + " launch>\"]}", ProviderConfigProperty.TEXT_TYPE, "{}"));
    OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, FacilityAudienceMapper.class);
  }

  private record Parsed(String json, AudienceRules rules) {}

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String getDisplayType() {
    return "Sihha facility and audience";
  }

  @Override
  public String getDisplayCategory() {
    return TOKEN_MAPPER_CATEGORY;
  }

  @Override
  public String getHelpText() {
    return "Adds the facility claim (facility group of a person, client attribute sihha.facility of a service"
        + " account) and the audiences of that facility (a SMART launch: its aud).";
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return List.copyOf(CONFIG);
  }

  @Override
  public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel container,
      ProtocolMapperModel mapping) throws ProtocolMapperConfigException {
    try {
      AudienceRules.parse(mapping.getConfig() == null ? null : mapping.getConfig().get(AUDIENCES));
    } catch (IllegalArgumentException e) {
      throw new ProtocolMapperConfigException(e.getMessage(), e);
    }
  }

  @Override
  public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mapping, KeycloakSession session,
      UserSessionModel userSession, ClientSessionContext clientSession) {
    FacilityGrant grant = grant(mapping, userSession, clientSession);
    if (OIDCAttributeMapperHelper.includeInAccessToken(mapping) && grant.facility() != null) {
      token.getOtherClaims().put(CLAIM, grant.facility());
    }
    grant.audiences().forEach(token::addAudience);
    return token;
  }

  @Override
  protected void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession,
      KeycloakSession session, ClientSessionContext clientSession) {
    String facility = grant(mapping, userSession, clientSession).facility();
    if (facility != null) {
      token.getOtherClaims().put(CLAIM, facility);
    }
  }

  static FacilityGrant grant(ProtocolMapperModel mapping, UserSessionModel userSession,
      ClientSessionContext clientSession) {
    UserModel user = userSession.getUser();
    if (user.getServiceAccountClientLink() != null) {
      ClientModel client = userSession.getRealm().getClientById(user.getServiceAccountClientLink());
      return client == null ? FacilityGrant.NONE : AudienceRules.serviceAccount(
          client.getAttribute(Facilities.CLIENT_FACILITY), client.getAttribute(Facilities.CLIENT_AUDIENCES));
    }
    return Facilities.unitOf(user).map(unit -> rules(mapping).person(unit, smartAud(clientSession)))
        .orElse(FacilityGrant.NONE);
  }

  /** The {@code aud} of a SMART app's authorization request; null for other clients, whose aud nobody checked. */
  private static String smartAud(ClientSessionContext clientSession) {
    if (clientSession == null || clientSession.getClientSession() == null) {
      return null;
    }
    ClientModel client = clientSession.getClientSession().getClient();
    if (client == null || !Boolean.parseBoolean(client.getAttribute(SMART_APP))) {
      return null;
    }
    String aud = clientSession.getClientSession().getNote(AUD_NOTE);
    return aud == null || aud.isBlank() ? null : aud;
  }

  private static AudienceRules rules(ProtocolMapperModel mapping) {
    String json = mapping.getConfig() == null ? "" : mapping.getConfig().getOrDefault(AUDIENCES, "");
    Parsed current = parsed;
    if (!current.json().equals(json)) {
      current = new Parsed(json, AudienceRules.parse(json));
      parsed = current;
    }
    return current.rules();
  }
}
