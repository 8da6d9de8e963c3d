package health.sihha.hie.provider.lab;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.sihha.hie.terminology.load.ucum.UcumGrammar;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lab results: interpretations computed from reference ranges, and reports consistent with their results. Both are
 * registered with HAPI's storage-wide interceptor service, so every write path (REST, transactions, internal) is
 * covered.
 */
@Configuration
class LabResultsConfig {

  @Bean
  LabInterpretationInterceptor labInterpretationInterceptor(IInterceptorService interceptors) {
    LabInterpretationInterceptor interceptor =
        new LabInterpretationInterceptor(new ReferenceRanges(new UnitConverter(UcumGrammar.bundled())));
    interceptors.registerInterceptor(interceptor);
    return interceptor;
  }

  @Bean
  LabReportConsistencyInterceptor labReportConsistencyInterceptor(IInterceptorService interceptors,
      DaoRegistry daos) {
    LabReportConsistencyInterceptor interceptor =
        new LabReportConsistencyInterceptor(daos.getResourceDao(Observation.class));
    interceptors.registerInterceptor(interceptor);
    return interceptor;
  }
}
