package health.sihha.hie.provider.personnel;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Personnel: practitioners and their roles are plain FHIR resources; deactivation is an operation. */
@Configuration
class PersonnelConfig {

  @Bean
  FhirServerCustomizer personnelOperations(DaoRegistry daos, IFhirSystemDao<Bundle, Meta> system) {
    PersonnelOperations operations = new PersonnelOperations(new StaffDeactivation(
        daos.getResourceDao(Practitioner.class), daos.getResourceDao(PractitionerRole.class), system));
    return server -> server.registerProvider(operations);
  }

  /** Deactivating ends a practitioner's roles: it needs the right to update Practitioners. */
  @Bean
  OperationPermission deactivatePermission() {
    return new OperationPermission("$deactivate", "Practitioner", Interaction.UPDATE);
  }
}
