package health.sihha.hie.keycloak.mapper;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * The SMART {@code fhirUser} claim, a relative FHIR reference such as {@code Practitioner/pa-nurse} built from a
 * resource type and the user attribute that holds the resource id.
 */
public final class FhirUserMapper extends AbstractOIDCProtocolMapper
    implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

  public static final String PROVIDER_ID = "sihha-fhir-user-mapper";
  static final String CLAIM = "fhirUser";
  static final String RESOURCE_TYPE = "resource.type";
  static final String USER_ATTRIBUTE = "user.attribute";
  static final String DEFAULT_RESOURCE_TYPE = "Practitioner";
  static final String DEFAULT_USER_ATTRIBUTE = "practitioner";
  private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

  static {
    CONFIG.add(new ProviderConfigProperty(RESOURCE_TYPE, "Resource type",
        "FHIR resource type of the user (Practitioner, Patient, RelatedPerson, Person)",
        ProviderConfigProperty.STRING_TYPE, DEFAULT_RESOURCE_TYPE));
    CONFIG.add(new ProviderConfigProperty(USER_ATTRIBUTE, "User attribute",
        "User attribute holding the id of the user's FHIR resource", ProviderConfigProperty.STRING_TYPE,
        DEFAULT_USER_ATTRIBUTE));
    OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, FhirUserMapper.class);
  }

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String getDisplayType() {
    return "SMART fhirUser";
  }

  @Override
  public String getDisplayCategory() {
    return TOKEN_MAPPER_CATEGORY;
  }

  @Override
  public String getHelpText() {
    return "Adds fhirUser = <resource type>/<user attribute value>.";
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return List.copyOf(CONFIG);
  }

  @Override
  protected void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession,
      KeycloakSession session, ClientSessionContext clientSession) {
    String id = userSession.getUser().getFirstAttribute(config(mapping, USER_ATTRIBUTE, DEFAULT_USER_ATTRIBUTE));
    if (id != null && !id.isBlank()) {
      token.getOtherClaims().put(CLAIM, config(mapping, RESOURCE_TYPE, DEFAULT_RESOURCE_TYPE) + "/" + id);
    }
  }

  private static String config(ProtocolMapperModel mapping, String key, String fallback) {
    String value = mapping.getConfig() == null ? null : mapping.getConfig().get(key);
    return value == null || value.isBlank() ? fallback : value;
  }
}
