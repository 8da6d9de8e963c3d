package health.sihha.hie.provider.encounter;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Encounter status rules on every write path: registered on HAPI's JPA-wide interceptor service, not only REST. */
@Configuration
class EncounterRulesConfig {

  @Bean
  EncounterTransitionInterceptor encounterTransitions(IInterceptorService jpaInterceptors) {
    EncounterTransitionInterceptor interceptor = new EncounterTransitionInterceptor();
    jpaInterceptors.registerInterceptor(interceptor);
    return interceptor;
  }
}
