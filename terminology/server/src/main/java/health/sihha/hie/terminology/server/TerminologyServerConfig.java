package health.sihha.hie.terminology.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.interceptors.capability.ServerIdentityInterceptor;
import health.sihha.hie.interceptors.http.DeferredFlushFilter;
import health.sihha.hie.interceptors.limits.RequestSizeLimitInterceptor;
import health.sihha.hie.interceptors.logging.AccessLog;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.expand.ExpansionLimits;
import health.sihha.hie.terminology.fhir.CodeSystemResourceProvider;
import health.sihha.hie.terminology.fhir.ConceptMapResourceProvider;
import health.sihha.hie.terminology.fhir.ValueSetResourceProvider;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.grammar.UcumCodeSystem;
import health.sihha.hie.terminology.load.TerminologyLoaders;
import health.sihha.hie.terminology.load.ucum.UcumGrammar;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import health.sihha.hie.terminology.server.answers.CachedAnswers;
import health.sihha.hie.terminology.server.answers.CachedAnswersFilter;
import health.sihha.hie.terminology.server.security.TerminologyReaders;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

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

  /** UCUM from the seed folder's essence file (UCUM 2.1) when there is one, else the one bundled with the library. */
  @Bean
  GrammarCodeSystems grammarCodeSystems(TerminologyServerProperties properties) throws IOException {
    Path essence = properties.seedPath().resolve("ucum/ucum-essence.xml");
    if (!Files.isRegularFile(essence)) {
      return new GrammarCodeSystems(List.of(new UcumCodeSystem(UcumGrammar.bundled())));
    }
    try (InputStream in = Files.newInputStream(essence)) {
      return new GrammarCodeSystems(List.of(new UcumCodeSystem(UcumGrammar.of(in))));
    }
  }

  @Bean
  ServerIdentity serverIdentity() {
    return new ServerIdentity("terminology", "terminology", "Sihha HIE terminology server", "Ministry of Health");
  }

  @Bean
  RestfulServer fhirServer(FhirContext fhirContext, Terminology terminology, ServerIdentity identity,
      TerminologyServerProperties properties, ObjectProvider<TerminologyServerCustomizer> customizers) {
    RestfulServer server = new RestfulServer(fhirContext);
    server.setServerName("Sihha HIE terminology");
    server.setImplementationDescription(identity.title());
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    server.registerProvider(new CodeSystemResourceProvider(terminology, TerminologyLoaders.standard()));
    server.registerProvider(new ValueSetResourceProvider(terminology));
    server.registerProvider(new ConceptMapResourceProvider(terminology));
    server.registerInterceptor(new RequestSizeLimitInterceptor(properties.maxRequestSize().toBytes()));
    server.registerInterceptor(new ServerIdentityInterceptor(identity));
    if (AccessLog.enabled()) {
      server.registerInterceptor(AccessLog.interceptor());
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(server));
    return server;
  }

  @Bean
  CachedAnswers cachedAnswers(TerminologyServerProperties properties) {
    return new CachedAnswers(properties.answerCacheSize().toBytes(), properties.largestCachedAnswer().toBytes());
  }

  /** Outside the deferred flush: a repeated read is answered before anything else runs. */
  @Bean
  FilterRegistrationBean<CachedAnswersFilter> cachedAnswersFilter(TerminologyRegistry registry,
      CachedAnswers answers, TerminologyServerProperties properties, ObjectProvider<TerminologyReaders> readers) {
    // without security (sihha.security.enabled=false) every request may read, as HAPI then lets it
    Predicate<HttpServletRequest> mayRead = readers.getIfAvailable();
    FilterRegistrationBean<CachedAnswersFilter> registration = new FilterRegistrationBean<>(new CachedAnswersFilter(
        registry, answers, properties.largestCachedAnswer().toBytes(), mayRead != null ? mayRead : request -> true));
    registration.addUrlPatterns("/fhir/*");
    registration.setName("cachedAnswers");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<DeferredFlushFilter> deferredFlush() {
    FilterRegistrationBean<DeferredFlushFilter> registration = new FilterRegistrationBean<>(new DeferredFlushFilter());
    registration.addUrlPatterns("/fhir/*");
    registration.setName("deferredFlush");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE);
    return registration;
  }

  @Bean
  ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirServer) {
    ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(fhirServer, "/fhir/*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
