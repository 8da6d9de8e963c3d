package health.sihha.hie.provider;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.interceptors.subscription.EndpointAllowList;
import org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Storage and subscription settings of a provider server; rest-hooks only to the allowed endpoints. */
@Configuration
class ProviderServerConfig {

  @Bean
  ServerIdentity serverIdentity(ProviderProperties provider) {
    return new ServerIdentity("provider", provider.id(), provider.name(), provider.name());
  }

  /** HAPI's defaults, except that a reference to a missing resource is refused (no placeholders at the source). */
  @Bean
  JpaStorageSettings storageSettings() {
    JpaStorageSettings settings = new JpaStorageSettings();
    settings.setAutoCreatePlaceholderReferenceTargets(false);
    settings.setEnforceReferentialIntegrityOnWrite(true);
    settings.setAllowExternalReferences(false);
    return settings;
  }

  @Bean
  SubscriptionSettings subscriptionSettings(EndpointAllowList restHookEndpoints) {
    SubscriptionSettings settings = new SubscriptionSettings();
    settings.addSupportedSubscriptionType(SubscriptionChannelType.RESTHOOK);
    settings.setRestHookEndpointUrlValidationRegex(restHookEndpoints.regex());
    settings.setEnableInMemorySubscriptionMatching(true);
    return settings;
  }
}
