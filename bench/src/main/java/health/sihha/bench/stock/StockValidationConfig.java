package health.sihha.bench.stock;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.rest.server.interceptor.validation.ValidationMessageSuppressingInterceptor;
import ca.uhn.fhir.validation.FhirValidator;
import health.sihha.hie.ig.IgValidators;
import health.sihha.hie.ig.SihhaIg;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HAPI's own request validation, set up as the Sihha provider validates its writes ({@link IgValidators}): over the
 * server's JPA validation support chain with the Sihha IG package added (the same package, loaded as
 * {@code ImplementationGuideConfig} does). HAPI's {@link RequestValidatingInterceptor} runs it on every request
 * body and refuses the request on the first error.
 */
@Configuration
@ConditionalOnProperty(prefix = "stock-hapi.validation", name = "enabled")
class StockValidationConfig {

  @Bean
  RequestValidatingInterceptor requestValidation(RestfulServer fhirServer, FhirContext fhirContext,
      @Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) IValidationSupport chain,
      StockValidationProperties validation) {
    ((ValidationSupportChain) chain).addValidationSupport(SihhaIg.validationSupport(fhirContext));
    FhirValidator validator = IgValidators.validator(fhirContext, chain);
    // the validator's own hook service: VALIDATION_COMPLETED reaches only the broadcaster it is given
    InterceptorService validationHooks = new InterceptorService("stock-hapi-validation");
    validationHooks.registerInterceptor(new ValidationMessageSuppressingInterceptor()
        .addMessageSuppressionPatterns(validation.suppressedMessages()));
    validator.setInterceptorBroadcaster(validationHooks);

    RequestValidatingInterceptor interceptor = new RequestValidatingInterceptor();
    interceptor.setValidator(validator);
    fhirServer.registerInterceptor(interceptor);
    return interceptor;
  }
}
