package health.sihha.hie.keycloak.audience;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Registers {@link SmartAudienceExecutor} as the client-policy executor {@value #PROVIDER_ID}. */
public final class SmartAudienceExecutorFactory implements ClientPolicyExecutorProviderFactory {

  public static final String PROVIDER_ID = "sihha-smart-audience";
  static final String ALLOWED_AUDIENCES = "allowed-audiences";

  private static final List<ProviderConfigProperty> CONFIG = List.of(new ProviderConfigProperty(ALLOWED_AUDIENCES,
      "Allowed audiences", "FHIR base URLs an authorization request may name in its aud parameter",
      ProviderConfigProperty.MULTIVALUED_STRING_TYPE, null));

  @Override
  public ClientPolicyExecutorProvider<?> create(KeycloakSession session) {
    return new SmartAudienceExecutor();
  }

  @Override
  public void init(Config.Scope config) {
  }

  @Override
  public void postInit(KeycloakSessionFactory factory) {
  }

  @Override
  public void close() {
  }

  @Override
  public String getId() {
    return PROVIDER_ID;
  }

  @Override
  public String getHelpText() {
    return "Requires the SMART aud parameter on authorization requests and checks it against FHIR base URLs.";
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return CONFIG;
  }
}
