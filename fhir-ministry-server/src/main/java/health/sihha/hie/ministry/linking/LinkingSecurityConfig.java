package health.sihha.hie.ministry.linking;

import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code sihha.security.enabled}: the registry operations need a scope that reads Patients (they show and
 * change links, never clinical content) and the steward role; {@code $everything} follows the rules of reads.
 */
@Configuration
@ConditionalOnProperty(prefix = "sihha.security", name = "enabled", matchIfMissing = true)
class LinkingSecurityConfig {

  @Bean
  OperationPermission matchCandidatesPermission() {
    return new OperationPermission(LinkingOperations.MATCH_CANDIDATES, "Patient", Interaction.READ);
  }

  @Bean
  OperationPermission linkDecisionPermission() {
    return new OperationPermission(LinkingOperations.LINK_DECISION, "Patient", Interaction.READ);
  }

  @Bean
  OperationPermission unlinkPermission() {
    return new OperationPermission(LinkingOperations.UNLINK, "Patient", Interaction.READ);
  }

  @Bean
  FhirServerCustomizer registryStewards(SmartGrants grants, LinkingProperties linking) {
    StewardRoleInterceptor stewards = new StewardRoleInterceptor(grants, linking.stewardRole());
    return server -> server.registerInterceptor(stewards);
  }
}
