package health.sihha.hie.provider;

import health.sihha.hie.server.ig.ImplementationGuideConfig;
import health.sihha.hie.server.jpa.HapiJpaServerConfig;
import health.sihha.hie.server.rest.FhirRestConfig;
import health.sihha.hie.server.security.SecurityConfig;
import health.sihha.hie.server.terminology.TerminologyReplicaConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** A provider's FHIR server: one hospital or clinic, aggregated to the ministry by subscriptions. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({
  HapiJpaServerConfig.class, FhirRestConfig.class, TerminologyReplicaConfig.class, ImplementationGuideConfig.class,
  SecurityConfig.class
})
public class ProviderApplication {

  public static void main(String[] args) {
    SpringApplication.run(ProviderApplication.class, args);
  }
}
