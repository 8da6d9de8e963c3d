package health.sihha.hie.ministry;

import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With {@code sihha.security.enabled} (see {@code SecurityConfig}), the national store's reader roles. */
@Configuration
@ConditionalOnProperty(prefix = "sihha.security", name = "enabled", matchIfMissing = true)
class MinistrySecurityConfig {

  @Bean
  FhirServerCustomizer nationalReaders(SmartGrants grants, MinistryProperties ministry) {
    NationalReadersInterceptor readers = new NationalReadersInterceptor(grants, ministry.readerRoles());
    return server -> server.registerInterceptor(readers);
  }
}
