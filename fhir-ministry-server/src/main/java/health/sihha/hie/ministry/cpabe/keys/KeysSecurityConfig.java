package health.sihha.hie.ministry.cpabe.keys;

import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code sihha.security.enabled}: the key operations are on the server's base and need a {@code user/} or
 * {@code system/} scope that reads; {@link KeyDelivery} then wants a user's token, {@link KeyAdminInterceptor} the
 * key administrators' role.
 */
@Configuration
@ConditionalOnProperty(prefix = "sihha.security", name = "enabled", matchIfMissing = true)
class KeysSecurityConfig {

  @Bean
  OperationPermission publicParametersPermission() {
    return server(KeyOperations.PUBLIC_PARAMETERS);
  }

  @Bean
  OperationPermission userKeyPermission() {
    return server(KeyOperations.USER_KEY);
  }

  @Bean
  OperationPermission advanceEpochPermission() {
    return server(KeyOperations.ADVANCE_EPOCH);
  }

  @Bean
  OperationPermission rewrapStatusPermission() {
    return server(KeyOperations.REWRAP_STATUS);
  }

  @Bean
  FhirServerCustomizer keyAdministrators(SmartGrants grants) {
    KeyAdminInterceptor admins = new KeyAdminInterceptor(grants);
    return server -> server.registerInterceptor(admins);
  }

  private static OperationPermission server(String name) {
    return new OperationPermission(name, OperationPermission.SERVER, Interaction.READ);
  }
}
