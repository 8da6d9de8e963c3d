package health.sihha.hie.provider.terminology;

import health.sihha.hie.server.rest.FhirServerCustomizer;
import health.sihha.hie.server.terminology.TerminologyReplicaProperties;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.replica.CodedElementValidationInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every write at a provider has its coded elements checked against the terminology replica. */
@Configuration
@ConditionalOnProperty(prefix = "sihha.terminology.replica", name = "enabled", matchIfMissing = true)
class CodedElementValidationConfig {

  @Bean
  FhirServerCustomizer codedElementValidation(Terminology replicaTerminology,
      ObjectProvider<GrammarCodeSystems> grammars, TerminologyReplicaProperties properties) {
    CodedElementValidationInterceptor interceptor = new CodedElementValidationInterceptor(replicaTerminology,
        grammars.getIfAvailable(GrammarCodeSystems::none), properties.invalidUnits());
    return server -> server.registerInterceptor(interceptor);
  }
}
