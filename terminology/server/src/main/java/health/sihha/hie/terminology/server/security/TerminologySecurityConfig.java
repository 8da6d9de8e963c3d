package health.sihha.hie.terminology.server.security;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.audit.AnonymousDenials;
import health.sihha.hie.interceptors.audit.DenialAuditInterceptor;
import health.sihha.hie.interceptors.audit.MeteredAnonymousDenials;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.interceptors.monitoring.MonitoringAccessFilter;
import health.sihha.hie.interceptors.security.JwtTokenVerifier;
import health.sihha.hie.interceptors.security.SmartCapabilityInterceptor;
import health.sihha.hie.interceptors.security.SmartConfiguration;
import health.sihha.hie.interceptors.security.SmartDiscoveryInterceptor;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.TokenVerifier;
import health.sihha.hie.terminology.server.TerminologyServerCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /fhir} as an OAuth2 resource server of the Keycloak realm (on unless {@code sihha.security.enabled} is
 * false): tokens checked against the realm's keys, issuer, this server's audience and expiry; reads for any valid
 * token, writes for maintainers ({@link TerminologyAuthorizationInterceptor}); SMART discovery open; refusals of
 * identified requests logged as AuditEvents, the others counted; the operations endpoints behind the monitoring role.
 */
@Configuration
@ConditionalOnProperty(prefix = "sihha.security", name = "enabled", matchIfMissing = true)
class TerminologySecurityConfig {

  private static final Logger LOG = LoggerFactory.getLogger(TerminologySecurityConfig.class);

  @Bean
  TokenVerifier terminologyTokenVerifier(TerminologySecurityProperties properties) {
    return new JwtTokenVerifier(properties.tokenSettings());
  }

  @Bean
  TerminologyReaders terminologyReaders(TokenVerifier verifier) {
    return new TerminologyReaders(verifier);
  }

  @Bean
  AnonymousDenials anonymousDenials(MeterRegistry meters, ServerIdentity identity) {
    return new MeteredAnonymousDenials(meters, identity.id());
  }

  @Bean
  FilterRegistrationBean<MonitoringAccessFilter> monitoringAccess(TokenVerifier verifier, AnonymousDenials denials) {
    FilterRegistrationBean<MonitoringAccessFilter> registration =
        new FilterRegistrationBean<>(new MonitoringAccessFilter(verifier, denials));
    registration.addUrlPatterns("/actuator/*");
    registration.setName("monitoringAccess");
    return registration;
  }

  @Bean
  TerminologyServerCustomizer terminologySecurity(TerminologySecurityProperties properties, FhirContext fhirContext,
      ServerIdentity identity, TokenVerifier verifier, AnonymousDenials anonymous) {
    SmartConfiguration smart = SmartConfiguration.keycloak(properties.issuer());
    SmartGrants grants = new SmartGrants(verifier);
    LOG.info("/fhir requires bearer tokens from {} for audience {}; writes need realm role {} or a service account of {}",
        properties.issuer(), properties.audience(), TerminologyAuthorizationInterceptor.TERMINOLOGIST_ROLE,
        properties.maintainingFacilities());
    return server -> {
      server.registerInterceptor(new SmartDiscoveryInterceptor(smart));
      server.registerInterceptor(
          new DenialAuditInterceptor(new LoggedAuditSink(fhirContext), anonymous, identity.id()));
      server.registerInterceptor(new TerminologyAuthorizationInterceptor(grants, properties.maintainingFacilities()));
      server.registerInterceptor(new SmartCapabilityInterceptor(smart));
    };
  }
}
