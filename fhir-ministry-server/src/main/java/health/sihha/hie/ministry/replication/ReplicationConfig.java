package health.sihha.hie.ministry.replication;

import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import health.sihha.hie.server.security.SecurityProperties;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Gap repair and reconciliation run on Spring's scheduler; reconciliation can also be run, and its results seen, at
 * the national store ({@link ReconcileOperations}).
 */
@Configuration
@EnableScheduling
class ReplicationConfig {

  /** Any reading scope reaches them through the scope check; {@link OperatorAuthorization} then wants an operator. */
  @Bean
  OperationPermission reconcilePermission() {
    return new OperationPermission(ReconcileOperations.RECONCILE, OperationPermission.SERVER, Interaction.READ);
  }

  @Bean
  OperationPermission reconcileStatusPermission() {
    return new OperationPermission(ReconcileOperations.STATUS, OperationPermission.SERVER, Interaction.READ);
  }

  @Bean
  FhirServerCustomizer reconcileOperations(MinistryProperties ministry, Reconciliation reconciliation,
      GapRepair gaps, ObjectProvider<SecurityProperties> security, ObjectProvider<SmartGrants> grants) {
    ReconcileOperations operations = new ReconcileOperations(ministry, reconciliation, gaps);
    return server -> {
      server.registerProvider(operations);
      security.ifAvailable(secured -> {
        if (secured.enabled()) {
          server.registerInterceptor(new OperatorAuthorization(grants.getObject(), secured.facility(),
              Set.of(ReconcileOperations.RECONCILE, ReconcileOperations.STATUS)));
        }
      });
    };
  }
}
