package health.sihha.hie.ministry.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.tenant.UrlBaseTenantIdentificationStrategy;
import health.sihha.hie.interceptors.audit.AnonymousDenials;
import health.sihha.hie.interceptors.audit.AuditSink;
import health.sihha.hie.interceptors.audit.DenialAuditInterceptor;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.interceptors.limits.RequestSizeLimitInterceptor;
import health.sihha.hie.interceptors.security.JwtTokenVerifier;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.server.FhirServerProperties;
import health.sihha.hie.server.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ingestion endpoint at {@code /ingest/<provider-id>}: a FHIR base per provider (the provider id is the first
 * path segment, read as HAPI's tenant), taking the provider's notification bundles ({@link NotificationProvider}). With
 * {@code sihha.security.enabled} it takes only the provider's own tokens ({@link IngestionAuthorization}), verified
 * like those of {@code /fhir} but for their own audience ({@code sihha.ministry.ingestion-audience}), so a token for
 * the national store is no delivery token and the other way round. Its refusals are stored as
 * AuditEvents in the national store, with those of {@code /fhir}.
 */
@Configuration
class IngestionEndpointConfig {

  @Bean
  PlaceholderGuard placeholderGuard(DaoRegistry daos, IInterceptorService jpaInterceptors) {
    PlaceholderGuard guard = new PlaceholderGuard(daos);
    jpaInterceptors.registerInterceptor(guard);
    return guard;
  }

  @Bean
  ServletRegistrationBean<RestfulServer> ingestionServlet(
      FhirContext fhirContext, NotificationIngestion ingestion, MinistryProperties ministry, FhirServerProperties server,
      ServerIdentity identity, ObjectProvider<SecurityProperties> security, ObjectProvider<AuditSink> audit,
      ObjectProvider<AnonymousDenials> anonymous) {
    RestfulServer endpoint = new RestfulServer(fhirContext);
    endpoint.setServerName("Sihha HIE ministry ingestion");
    endpoint.setTenantIdentificationStrategy(new UrlBaseTenantIdentificationStrategy());
    endpoint.setDefaultResponseEncoding(EncodingEnum.JSON);
    endpoint.registerProvider(new NotificationProvider(ingestion));
    endpoint.registerInterceptor(new RequestSizeLimitInterceptor(server.maxRequestSize().toBytes()));
    audit.ifAvailable(sink -> endpoint.registerInterceptor(
        new DenialAuditInterceptor(sink, anonymous.getObject(), identity.id())));
    security.ifAvailable(tokens -> endpoint.registerInterceptor(new IngestionAuthorization(
        new SmartGrants(new JwtTokenVerifier(tokens.tokenSettings().forAudience(ministry.ingestionAudience()))),
        ministry)));
    ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(endpoint, "/ingest/*");
    registration.setName("ingest");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
