package health.sihha.hie.server.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.config.JpaConfig;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Sihha Implementation Guide in every server: its FHIR package, loaded at start-up, is a link of HAPI's
 * validation support chain (profiles, extensions, value sets for {@code $validate} and for write validation), and
 * the server's CapabilityStatement declares the IG statement it instantiates and the profiles it supports.
 */
@Configuration
public class ImplementationGuideConfig {

  @Bean
  public NpmPackageValidationSupport implementationGuide(FhirContext fhirContext,
      @Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) IValidationSupport chain) {
    NpmPackageValidationSupport implementationGuide = SihhaIg.validationSupport(fhirContext);
    ((ValidationSupportChain) chain).addValidationSupport(implementationGuide);
    return implementationGuide;
  }

  @Bean
  public FhirServerCustomizer implementationGuideConformance(FhirContext fhirContext, ServerIdentity identity) {
    CapabilityStatement declared = SihhaIg.capabilityStatement(fhirContext, "sihha-" + identity.role());
    ImplementationGuideConformanceInterceptor interceptor = new ImplementationGuideConformanceInterceptor(declared);
    return server -> server.registerInterceptor(interceptor);
  }
}
