package health.sihha.hie.keycloak.audience;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.keycloak.OAuthErrorException;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.AuthorizationRequestContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Client-policy executor: an authorization request must carry the SMART {@code aud} parameter, naming one of the
 * configured FHIR base URLs; otherwise the client gets {@code error=invalid_request} on its redirect URI.
 */
public final class SmartAudienceExecutor
    implements ClientPolicyExecutorProvider<SmartAudienceExecutor.Configuration> {

  static final String AUD_PARAM = "aud";

  private AllowedAudiences allowed = new AllowedAudiences(List.of());

  @Override
  public Class<Configuration> getExecutorConfigurationClass() {
    return Configuration.class;
  }

  @Override
  public void setupConfiguration(Configuration config) {
    allowed = new AllowedAudiences(config.getAllowedAudiences());
  }

  @Override
  public String getProviderId() {
    return SmartAudienceExecutorFactory.PROVIDER_ID;
  }

  @Override
  public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
    if (context.getEvent() == ClientPolicyEvent.AUTHORIZATION_REQUEST) {
      check(((AuthorizationRequestContext) context).getAuthorizationEndpointRequest().getAdditionalReqParams()
          .get(AUD_PARAM));
    }
  }

  void check(String aud) throws ClientPolicyException {
    if (aud == null || aud.isBlank()) {
      throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, "Missing parameter: aud");
    }
    if (!allowed.allows(aud)) {
      throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, "aud is not a FHIR server of this realm");
    }
  }

  /** The executor's configuration in the realm's client profile: {@code {"allowed-audiences": [...]}}. */
  public static final class Configuration extends ClientPolicyExecutorConfigurationRepresentation {

    @JsonProperty(SmartAudienceExecutorFactory.ALLOWED_AUDIENCES)
    private List<String> allowedAudiences;

    public List<String> getAllowedAudiences() {
      return allowedAudiences;
    }

    public void setAllowedAudiences(List<String> allowedAudiences) {
      this.allowedAudiences = allowedAudiences;
    }
  }
}
