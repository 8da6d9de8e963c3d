package health.sihha.hie.ministry.witness;

import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.ministry.replication.OperatorAuthorization;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import health.sihha.hie.server.security.SecurityProperties;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The witness's operations at the national store, for the ministry's operators only. */
@Configuration
class WitnessConfig {

  /** Any reading scope reaches them through the scope check; {@link OperatorAuthorization} then wants an operator. */
  @Bean
  OperationPermission witnessStatusPermission() {
    return new OperationPermission(WitnessOperations.STATUS, OperationPermission.SERVER, Interaction.READ);
  }

  @Bean
  OperationPermission witnessCheckPermission() {
    return new OperationPermission(WitnessOperations.CHECK, OperationPermission.SERVER, Interaction.READ);
  }

  @Bean
  FhirServerCustomizer witnessOperations(MinistryProperties ministry, LedgerWitness witness,
      ObjectProvider<SecurityProperties> security, ObjectProvider<SmartGrants> grants) {
    WitnessOperations operations = new WitnessOperations(ministry, witness);
    return server -> {
      server.registerProvider(operations);
      security.ifAvailable(secured -> {
        if (secured.enabled()) {
          server.registerInterceptor(new OperatorAuthorization(grants.getObject(), secured.facility(),
              Set.of(WitnessOperations.STATUS, WitnessOperations.CHECK)));
        }
      });
    };
  }
}
