package health.sihha.hie.provider.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.sihha.hie.provider.ProviderProperties;
import health.sihha.hie.server.consent.StoredConsents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The patients' opt-outs of sharing with the ministry, on HAPI's JPA-wide interceptor service where subscription
 * deliveries are announced (access at this server is governed by the shared security configuration).
 */
@Configuration
class ConsentConfig {

  @Bean
  MinistryConsentFilter ministryConsentFilter(FhirContext fhirContext, DaoRegistry daos, ProviderProperties provider,
      IInterceptorService jpaInterceptors) {
    MinistryConsentFilter filter =
        new MinistryConsentFilter(fhirContext, new StoredConsents(daos), provider.deliveryEndpoint());
    jpaInterceptors.registerInterceptor(filter);
    return filter;
  }
}
