package health.sihha.hie.terminology.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.interceptors.capability.ServerIdentityInterceptor;
import health.sihha.hie.interceptors.limits.RequestSizeLimitInterceptor;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.expand.ExpansionLimits;
import health.sihha.hie.terminology.fhir.CodeSystemResourceProvider;
import health.sihha.hie.terminology.fhir.ConceptMapResourceProvider;
import health.sihha.hie.terminology.fhir.ValueSetResourceProvider;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The terminology registry and its FHIR REST endpoint at {@code /fhir}. */
@Configuration
class TerminologyServerConfig {

  @Bean
  FhirContext fhirContext() {
    FhirContext context = FhirContext.forR4Cached();
    context.setNarrativeGenerator(new NullNarrativeGenerator());
    return context;
  }

  @Bean
  TerminologyRegistry terminologyRegistry(FhirContext fhirContext, TerminologyServerProperties properties) {
    return TerminologyRegistry.open(fhirContext, properties.storeDir());
  }

  @Bean
  Terminology terminology(TerminologyRegistry registry, GrammarCodeSystems grammars,
      TerminologyServerProperties properties) {
    return Terminology.over(registry, grammars,
        new ExpansionLimits(properties.maxCount(), properties.maxExpansionSize()));
  }

  @Bean
  GrammarCodeSystems grammarCodeSystems() {
    return GrammarCodeSystems.none();
  }

  @Bean
  ServerIdentity serverIdentity() {
    return new ServerIdentity("terminology", "terminology", "Sihha HIE terminology server", "Ministry of Health");
  }

  @Bean
  RestfulServer fhirServer(FhirContext fhirContext, Terminology terminology, ServerIdentity identity,
      TerminologyServerProperties properties) {
    RestfulServer server = new RestfulServer(fhirContext);
    server.setServerName("Sihha HIE terminology");
    server.setImplementationDescription(identity.title());
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    server.registerProvider(new CodeSystemResourceProvider(terminology));
    server.registerProvider(new ValueSetResourceProvider(terminology));
    server.registerProvider(new ConceptMapResourceProvider(terminology));
    server.registerInterceptor(new RequestSizeLimitInterceptor(properties.maxRequestSize().toBytes()));
    server.registerInterceptor(new ServerIdentityInterceptor(identity));
    server.registerInterceptor(requestLog());
    return server;
  }

  @Bean
  ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirServer) {
    ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(fhirServer, "/fhir/*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }

  private static LoggingInterceptor requestLog() {
    LoggingInterceptor log = new LoggingInterceptor();
    log.setLoggerName("sihha.fhir.access");
    log.setMessageFormat("${requestId} ${operationType} ${requestUrl} ${requestVerb} ${processingTimeMillis}ms");
    log.setErrorMessageFormat("${requestId} ERROR ${requestVerb} ${requestUrl} ${exceptionMessage}");
    log.setLogExceptions(true);
    return log;
  }
}
