package health.sihha.hie.server.security;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.searchparam.matcher.AuthorizationSearchParamMatcher;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import health.sihha.hie.interceptors.audit.AnonymousDenials;
import health.sihha.hie.interceptors.audit.AuditSink;
import health.sihha.hie.interceptors.audit.DenialAuditInterceptor;
import health.sihha.hie.interceptors.audit.MeteredAnonymousDenials;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.interceptors.consent.ConsentAuthorizationInterceptor;
import health.sihha.hie.interceptors.monitoring.MonitoringAccessFilter;
import health.sihha.hie.interceptors.security.ClinicalRolePolicy;
import health.sihha.hie.interceptors.security.JwtTokenVerifier;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.interceptors.security.SmartAuthorizationInterceptor;
import health.sihha.hie.interceptors.security.SmartCapabilityInterceptor;
import health.sihha.hie.interceptors.security.SmartConfiguration;
import health.sihha.hie.interceptors.security.SmartDiscoveryInterceptor;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.TokenVerifier;
import health.sihha.hie.server.consent.ConditionalMatchConsent;
import health.sihha.hie.server.consent.StoredConsents;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR endpoint {@code /fhir} as an OAuth2 resource server, unless {@code sihha.security.enabled} is false:
 * SMART bearer tokens checked and turned into HAPI authorization rules (extended operations by the
 * {@link OperationPermission} beans of the app), the clinical roles on every write, SMART discovery, every refusal of
 * an identified request stored as an AuditEvent (the others counted), and the operations endpoints behind the
 * monitoring role. Only the REST endpoint is guarded: the server's own writes use
 * {@link ca.uhn.fhir.rest.api.server.SystemRequestDetails} and other servlets (the ministry's {@code /ingest}) are
 * not affected.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
@ConditionalOnProperty(prefix = "sihha.security", name = "enabled", matchIfMissing = true)
public class SecurityConfig {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);

  @Bean
  public TokenVerifier tokenVerifier(SecurityProperties properties) {
    return new JwtTokenVerifier(properties.tokenSettings());
  }

  @Bean
  public SmartGrants smartGrants(TokenVerifier verifier) {
    return new SmartGrants(verifier);
  }

  @Bean
  public AnonymousDenials anonymousDenials(MeterRegistry meters, ServerIdentity identity) {
    return new MeteredAnonymousDenials(meters, identity.id());
  }

  /** The operations surface: only the probes are open; metrics and health details need the monitoring role. */
  @Bean
  public FilterRegistrationBean<MonitoringAccessFilter> monitoringAccess(TokenVerifier verifier,
      AnonymousDenials denials) {
    FilterRegistrationBean<MonitoringAccessFilter> registration =
        new FilterRegistrationBean<>(new MonitoringAccessFilter(verifier, denials));
    registration.addUrlPatterns("/actuator/*");
    registration.setName("monitoringAccess");
    return registration;
  }

  @Bean
  public SmartConfiguration smartConfiguration(SecurityProperties properties) {
    return SmartConfiguration.keycloak(properties.issuer());
  }

  @Bean
  public AuditSink auditSink(DaoRegistry daos, IValidationSupport validationSupport, IIdHelperService<JpaPid> ids,
      HeldResources held) {
    return new StoredAuditSink(daos, validationSupport, ids, held);
  }

  @Bean
  public FhirServerCustomizer smartSecurity(SecurityProperties properties, SmartGrants grants,
      SmartConfiguration smart, SearchParamMatcher matcher, AuditSink audit, AnonymousDenials anonymous,
      ServerIdentity identity, DaoRegistry daos, ObjectProvider<OperationPermission> appOperations) {
    List<OperationPermission> operations = new ArrayList<>(OperationPermission.STANDARD);
    appOperations.orderedStream().forEach(operations::add);
    SmartAuthorizationInterceptor authorization =
        new SmartAuthorizationInterceptor(grants, properties.facility(), new ClinicalRolePolicy(), operations,
            properties.crossFacilityAccess());
    authorization.setAuthorizationSearchParamMatcher(new AuthorizationSearchParamMatcher(matcher));
    SmartDiscoveryInterceptor discovery = new SmartDiscoveryInterceptor(smart);
    SmartCapabilityInterceptor capability = new SmartCapabilityInterceptor(smart);
    DenialAuditInterceptor denials = new DenialAuditInterceptor(audit, anonymous, identity.id());
    // the patients' privacy Consents, with break-glass, on what a request is shown, at every facility and the ministry
    StoredConsents stored = new StoredConsents(daos);
    ConsentAuthorizationInterceptor consents =
        new ConsentAuthorizationInterceptor(stored, audit, identity.id(), properties.consentWithdrawsData(),
            Set.copyOf(properties.reconcilers()));
    ConditionalMatchConsent conditionalMatches = new ConditionalMatchConsent(stored);
    LOG.info("/fhir requires bearer tokens from {} for audience {} and facility {}; history read by {}",
        properties.issuer(), properties.audience(), properties.facility(), properties.reconcilers());
    return server -> {
      server.registerInterceptor(discovery);
      server.registerInterceptor(denials);
      server.registerInterceptor(authorization);
      server.registerInterceptor(consents);
      server.registerInterceptor(conditionalMatches);
      server.registerInterceptor(capability);
    };
  }
}
