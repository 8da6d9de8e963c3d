package health.sihha.hie.provider.aggregation;

import health.sihha.hie.interceptors.security.KeycloakEndpoints;
import health.sihha.hie.server.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Notifications to the ministry carry this provider's client-credentials tokens whenever the provider runs as a
 * resource server of the realm ({@code sihha.security.enabled}, as in {@code SecurityConfig}): the ministry's
 * ingestion endpoint then takes only such tokens. Without this bean the outbox posts without a token.
 */
@Configuration
@ConditionalOnProperty(prefix = "sihha.security", name = "enabled", matchIfMissing = true)
class MinistryDeliveryConfig {

  private static final Logger LOG = LoggerFactory.getLogger(MinistryDeliveryConfig.class);

  @Bean
  MinistryTokens ministryTokens(MinistryClientProperties client, SecurityProperties security) {
    LOG.info("notifications to the ministry carry a fresh token of client {} ({})", client.clientId(),
        client.scope());
    return new MinistryTokens(
        client.tokenEndpoint() != null ? client.tokenEndpoint() : KeycloakEndpoints.of(security.issuer()).token(),
        client.clientId(), client.clientSecret(), client.scope(), client.timeout());
  }
}
