package health.sihha.hie.provider.subscription;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.sihha.hie.interceptors.subscription.EndpointAllowList;
import health.sihha.hie.interceptors.subscription.SubscriptionGuard;
import health.sihha.hie.provider.ProviderProperties;
import health.sihha.hie.provider.aggregation.outbox.MinistrySubscription;
import health.sihha.hie.server.security.SecurityProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Subscriptions as infrastructure ({@link SubscriptionGuard}): who may write them, the ministry feed kept by the
 * server alone, and rest-hooks only to the allow-list, checked when a Subscription is written (here and by HAPI's own
 * endpoint regex), at start-up for those already stored, and at every delivery.
 */
@Configuration
@EnableConfigurationProperties(SubscriptionProperties.class)
class SubscriptionSecurityConfig {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSecurityConfig.class);

  @Bean
  EndpointAllowList restHookEndpoints(ProviderProperties provider, SubscriptionProperties subscriptions) {
    return new EndpointAllowList(List.of(provider.deliveryEndpoint()), subscriptions.allowedEndpoints());
  }

  @Bean
  SubscriptionGuard subscriptionGuard(EndpointAllowList endpoints, ObjectProvider<SecurityProperties> security,
      IInterceptorService jpaInterceptors, MeterRegistry meters) {
    SubscriptionGuard guard = new SubscriptionGuard(endpoints, MinistrySubscription::isMinistrySubscription,
        security.getIfAvailable() != null);
    jpaInterceptors.registerInterceptor(guard);
    jpaInterceptors.registerInterceptor(new RestHookEndpointCheck(endpoints, meters));
    LOG.info("rest-hook Subscriptions may deliver to {} only", endpoints.regex());
    return guard;
  }

  @Bean
  StoredSubscriptionCheck storedSubscriptionCheck(DaoRegistry daos, EndpointAllowList endpoints) {
    return new StoredSubscriptionCheck(daos, endpoints);
  }
}
