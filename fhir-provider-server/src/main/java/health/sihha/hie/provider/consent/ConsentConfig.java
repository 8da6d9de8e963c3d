package health.sihha.hie.provider.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.sihha.hie.server.consent.StoredConsents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The patients' opt-outs of sharing with the ministry, asked by the outbox for each notification (access at this
 * server is governed by the shared security configuration).
 */
@Configuration
class ConsentConfig {

  @Bean
  MinistryConsentFilter ministryConsentFilter(FhirContext fhirContext, DaoRegistry daos) {
    return new MinistryConsentFilter(fhirContext, new StoredConsents(daos));
  }
}
