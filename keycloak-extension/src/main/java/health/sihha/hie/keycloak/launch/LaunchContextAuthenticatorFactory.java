package health.sihha.hie.keycloak.launch;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers {@link LaunchContextAuthenticator} as the authenticator {@value #PROVIDER_ID}. */
public final class LaunchContextAuthenticatorFactory implements AuthenticatorFactory {

  public static final String PROVIDER_ID = "sihha-smart-launch-context";
  private static final Requirement[] CHOICES = {Requirement.REQUIRED, Requirement.DISABLED};

  @Override
  public Authenticator create(KeycloakSession session) {
    return new LaunchContextAuthenticator(session);
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
  public String getDisplayType() {
    return "SMART launch context";
  }

  @Override
  public String getReferenceCategory() {
    return "smart-launch";
  }

  @Override
  public boolean isConfigurable() {
    return false;
  }

  @Override
  public Requirement[] getRequirementChoices() {
    return CHOICES.clone();
  }

  @Override
  public boolean isUserSetupAllowed() {
    return false;
  }

  @Override
  public String getHelpText() {
    return "Resolves the SMART launch parameter or launch/patient scope to the patient in context; a user with"
        + " several patients picks one.";
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return List.of();
  }
}
