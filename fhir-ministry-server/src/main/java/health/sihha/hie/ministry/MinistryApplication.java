package health.sihha.hie.ministry;

import health.sihha.hie.server.ig.ImplementationGuideConfig;
import health.sihha.hie.server.jpa.HapiJpaServerConfig;
import health.sihha.hie.server.rest.FhirRestConfig;
import health.sihha.hie.server.security.SecurityConfig;
import health.sihha.hie.server.terminology.TerminologyReplicaConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The ministry's national FHIR store, fed by every provider's subscriptions. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({
  HapiJpaServerConfig.class, FhirRestConfig.class, TerminologyReplicaConfig.class, ImplementationGuideConfig.class,
  SecurityConfig.class
})
public class MinistryApplication {

  public static void main(String[] args) {
    SpringApplication.run(MinistryApplication.class, args);
  }
}
