package health.sihha.hie.keycloak.facility;

import org.keycloak.representations.idm.authorization.AbstractPolicyRepresentation;

/** The admin API's form of the {@value FacilityStaffPolicyProviderFactory#PROVIDER_ID} policy: it has no settings. */
public final class FacilityStaffPolicyRepresentation extends AbstractPolicyRepresentation {

  @Override
  public String getType() {
    return FacilityStaffPolicyProviderFactory.PROVIDER_ID;
  }
}
