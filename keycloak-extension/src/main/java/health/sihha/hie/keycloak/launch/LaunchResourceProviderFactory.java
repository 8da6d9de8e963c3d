package health.sihha.hie.keycloak.launch;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers {@link LaunchResource} under {@code /realms/{realm}/}{@value #PROVIDER_ID}. Option
 * {@code --spi-realm-restapi-extension--smart-launch--lifespan=SECONDS} sets how long a launch stays valid at most
 * (default {@value #DEFAULT_LIFESPAN_SECONDS}); an EHR may ask for less.
 */
public final class LaunchResourceProviderFactory implements RealmResourceProviderFactory {

  public static final String PROVIDER_ID = "smart-launch";
  static final long DEFAULT_LIFESPAN_SECONDS = 90;

  private long lifespanSeconds = DEFAULT_LIFESPAN_SECONDS;

  @Override
  public RealmResourceProvider create(KeycloakSession session) {
    return new LaunchResource(session, lifespanSeconds);
  }

  @Override
  public void init(Config.Scope config) {
    lifespanSeconds = config.getLong("lifespan", DEFAULT_LIFESPAN_SECONDS);
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
}
