package health.sihha.hie.server.rest;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.interceptors.capability.ServerIdentityInterceptor;
import health.sihha.hie.interceptors.http.DeferredFlushFilter;
import health.sihha.hie.interceptors.limits.RequestSizeLimitInterceptor;
import health.sihha.hie.interceptors.logging.AccessLog;
import health.sihha.hie.server.FhirServerProperties;
import health.sihha.hie.server.cors.CorsConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The FHIR REST endpoint at {@code /fhir}: HAPI's JPA providers plus what each application adds, CORS in front. */
@Configuration
@Import(CorsConfig.class)
public class FhirRestConfig {

  @Bean
  public RestfulServer fhirServer(
      IFhirSystemDao<?, ?> systemDao,
      ResourceProviderFactory resourceProviders,
      IJpaSystemProvider systemProvider,
      ValueSetOperationProvider valueSetOperations,
      JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParamRegistry,
      IValidationSupport validationSupport,
      DatabaseBackedPagingProvider pagingProvider,
      FhirServerProperties properties,
      ServerIdentity identity,
      ObjectProvider<FhirServerCustomizer> customizers) {
    RestfulServer server = new RestfulServer(systemDao.getContext());
    server.getFhirContext().setNarrativeGenerator(new NullNarrativeGenerator());
    server.setServerName("Sihha HIE " + identity.role());
    server.setImplementationDescription(identity.title());
    server.registerProviders(resourceProviders.createProviders());
    server.registerProvider(systemProvider);
    server.registerProvider(valueSetOperations);

    JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
        server, systemDao, storageSettings, searchParamRegistry, validationSupport);
    capabilities.setImplementationDescription(identity.title());
    server.setServerConformanceProvider(capabilities);

    pagingProvider.setDefaultPageSize(properties.defaultPageSize());
    pagingProvider.setMaximumPageSize(properties.maxPageSize());
    server.setPagingProvider(pagingProvider);
    server.setDefaultResponseEncoding(EncodingEnum.JSON);

    server.registerInterceptor(new RequestSizeLimitInterceptor(properties.maxRequestSize().toBytes()));
    server.registerInterceptor(new ServerIdentityInterceptor(identity));
    server.registerInterceptor(new ResponseHighlighterInterceptor());
    server.registerInterceptor(AccessLog.interceptor());
    customizers.orderedStream().forEach(customizer -> customizer.customize(server));
    return server;
  }

  @Bean
  public FilterRegistrationBean<DeferredFlushFilter> deferredFlush() {
    FilterRegistrationBean<DeferredFlushFilter> registration = new FilterRegistrationBean<>(new DeferredFlushFilter());
    registration.addUrlPatterns("/fhir/*");
    registration.setName("deferredFlush");
    return registration;
  }

  @Bean
  public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirServer) {
    ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(fhirServer, "/fhir/*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
