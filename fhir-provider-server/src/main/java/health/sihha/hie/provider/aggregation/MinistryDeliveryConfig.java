package health.sihha.hie.provider.aggregation;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import health.sihha.hie.interceptors.security.KeycloakEndpoints;
import health.sihha.hie.provider.ProviderProperties;
import health.sihha.hie.server.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deliveries to the ministry with this provider's client-credentials tokens, whenever the provider runs as a resource
 * server of the realm ({@code sihha.security.enabled}, as in {@code SecurityConfig}): the ministry's ingestion
 * endpoint then takes only such tokens.
 */
@Configuration
@ConditionalOnProperty(prefix = "sihha.security", name = "enabled", matchIfMissing = true)
class MinistryDeliveryConfig {

  private static final Logger LOG = LoggerFactory.getLogger(MinistryDeliveryConfig.class);

  @Bean
  MinistryDeliveryAuthorization ministryDeliveryAuthorization(ProviderProperties provider,
      MinistryClientProperties client, SecurityProperties security, IInterceptorService jpaInterceptors) {
    MinistryTokens tokens = new MinistryTokens(
        client.tokenEndpoint() != null ? client.tokenEndpoint() : KeycloakEndpoints.of(security.issuer()).token(),
        client.clientId(), client.clientSecret(), client.scope(), client.timeout());
    MinistryDeliveryAuthorization authorization =
        new MinistryDeliveryAuthorization(provider.deliveryEndpoint(), tokens);
    jpaInterceptors.registerInterceptor(authorization);
    LOG.info("deliveries to {} carry a fresh token of client {} ({})", provider.deliveryEndpoint(),
        client.clientId(), client.scope());
    return authorization;
  }
}
