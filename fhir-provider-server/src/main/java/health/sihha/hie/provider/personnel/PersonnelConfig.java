package health.sihha.hie.provider.personnel;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.provider.ProviderProperties;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Personnel: practitioners and their roles are plain FHIR resources; deactivation is an operation; with
 * {@code sihha.provider.identity.enabled} each practitioner's realm account follows them.
 */
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

  /** The accounts, on HAPI's JPA-wide interceptor service so that every write path provisions. */
  @Configuration
  @ConditionalOnProperty(prefix = "sihha.provider.identity", name = "enabled", havingValue = "true")
  static class IdentityConfig {

    @Bean(destroyMethod = "close")
    Keycloak keycloakAdmin(IdentityProperties identity) {
      return KeycloakBuilder.builder().serverUrl(identity.serverUrl()).realm(identity.realm())
          .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(identity.clientId())
          .clientSecret(identity.clientSecret())
          .resteasyClient(ClientBuilder.newBuilder().register(JacksonProvider.class, 100)
              .connectTimeout(identity.timeout().toMillis(), TimeUnit.MILLISECONDS)
              .readTimeout(identity.timeout().toMillis(), TimeUnit.MILLISECONDS).build())
          .build();
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService accountReconciliation() {
      return Executors.newSingleThreadExecutor(task -> new Thread(task, "staff-account-reconciliation"));
    }

    @Bean
    StaffAccountInterceptor staffAccounts(Keycloak keycloak, IdentityProperties identity, ProviderProperties provider,
        DaoRegistry daos, ExecutorService accountReconciliation, IInterceptorService jpaInterceptors) {
      StaffAccountInterceptor interceptor = new StaffAccountInterceptor(
          new StaffRecords(daos.getResourceDao(Practitioner.class), daos.getResourceDao(PractitionerRole.class)),
          new KeycloakStaff(keycloak, identity.realm()), provider.id(), accountReconciliation);
      jpaInterceptors.registerInterceptor(interceptor);
      return interceptor;
    }
  }
}
