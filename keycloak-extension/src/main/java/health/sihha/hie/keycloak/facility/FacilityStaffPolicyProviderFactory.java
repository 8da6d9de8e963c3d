package health.sihha.hie.keycloak.facility;

import org.keycloak.Config;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.policy.provider.PolicyProvider;
import org.keycloak.authorization.policy.provider.PolicyProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers {@link FacilityStaffPolicyProvider} as the authorization policy type {@value #PROVIDER_ID}. */
public final class FacilityStaffPolicyProviderFactory
    implements PolicyProviderFactory<FacilityStaffPolicyRepresentation> {

  public static final String PROVIDER_ID = "sihha-facility-staff";
  private static final FacilityStaffPolicyProvider PROVIDER = new FacilityStaffPolicyProvider();

  @Override
  public String getName() {
    return "Sihha: own facility's staff";
  }

  @Override
  public String getGroup() {
    return "Sihha";
  }

  @Override
  public PolicyProvider create(AuthorizationProvider authorization) {
    return PROVIDER;
  }

  @Override
  public PolicyProvider create(KeycloakSession session) {
    return PROVIDER;
  }

  @Override
  public FacilityStaffPolicyRepresentation toRepresentation(Policy policy, AuthorizationProvider authorization) {
    return new FacilityStaffPolicyRepresentation();
  }

  @Override
  public Class<FacilityStaffPolicyRepresentation> getRepresentationType() {
    return FacilityStaffPolicyRepresentation.class;
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
}
