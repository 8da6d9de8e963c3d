package health.sihha.hie.provider.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.validation.FhirValidator;
import health.sihha.hie.ig.IgValidators;
import health.sihha.hie.ig.ProfileSelector;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import health.sihha.hie.server.terminology.TerminologyReplicaProperties;
import health.sihha.hie.terminology.load.ucum.UcumGrammar;
import health.sihha.hie.terminology.replica.CodedElementValidationInterceptor.InvalidUnits;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every write at a provider is validated against the Implementation Guide, over HAPI's validation support chain (the
 * terminology replica first, then the IG package, then the core definitions). Registered with HAPI's storage-wide
 * interceptor service, so transactions and the server's own writes are validated too. What a REST request writes is
 * validated before HAPI opens its transaction ({@link BeforeTransactionValidation}), a transaction's entries side by
 * side.
 */
@Configuration
@ConditionalOnProperty(prefix = "sihha.provider.validation", name = "enabled", matchIfMissing = true)
class ProfileValidationConfig {

  @Bean
  ProfileValidationInterceptor profileValidationInterceptor(FhirContext fhirContext,
      @Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) IValidationSupport chain,
      ObjectProvider<TerminologyReplicaProperties> replica,
      IInterceptorService interceptors, MeterRegistry meters) {
    FhirValidator validator = IgValidators.validator(fhirContext, chain);

    boolean tolerateUnits = replica.stream().anyMatch(p -> p.invalidUnits() == InvalidUnits.WARN);
    MalformedUnitTolerance tolerance = MalformedUnitTolerance.of(tolerateUnits, fhirContext, UcumGrammar.bundled());
    ProfileValidationInterceptor interceptor =
        new ProfileValidationInterceptor(fhirContext, validator, new ProfileSelector(), tolerance, meters);
    interceptors.registerInterceptor(interceptor);
    return interceptor;
  }

  /** Closed with the context, which stops its validation threads. */
  @Bean
  BeforeTransactionValidation beforeTransactionValidation(ProfileValidationInterceptor profiles,
      List<DerivedValues> derivedValues, ProfileValidationProperties properties) {
    AtomicInteger count = new AtomicInteger();
    ExecutorService validationThreads = Executors.newFixedThreadPool(properties.threadCount(), task -> {
      Thread thread = new Thread(task, "validation-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    return new BeforeTransactionValidation(profiles, derivedValues, validationThreads);
  }

  @Bean
  FhirServerCustomizer beforeTransactionValidationOnRequests(BeforeTransactionValidation validation) {
    return server -> server.registerInterceptor(validation);
  }
}
