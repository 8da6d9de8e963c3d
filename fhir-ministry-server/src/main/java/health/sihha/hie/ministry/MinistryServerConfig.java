package health.sihha.hie.ministry;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.ministry.cpabe.keys.KeyOperations;
import health.sihha.hie.ministry.linking.RegistryOperations;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import java.util.HashSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Storage settings of the national store. */
@Configuration
class MinistryServerConfig {

  @Bean
  ServerIdentity serverIdentity(MinistryProperties ministry) {
    return new ServerIdentity("ministry", "ministry", ministry.name(), ministry.name());
  }

  /**
   * Events of different resources arrive in any order and are applied concurrently, so a reference may name a
   * resource that is not there yet: it becomes a placeholder (carrying the reference's identifier), which the real
   * resource replaces when it comes, so that searches by reference and {@code _include} work from the start. A
   * placeholder is written only under the ingestion lock of its target ({@code EventApplier}), never over a deleted
   * resource ({@code PlaceholderGuard}); where none is written the reference is stored as it is, and the order of
   * deletions is the provider's, already checked there.
   */
  @Bean
  JpaStorageSettings storageSettings() {
    JpaStorageSettings settings = new JpaStorageSettings();
    settings.setAutoCreatePlaceholderReferenceTargets(true);
    settings.setPopulateIdentifierInAutoCreatedPlaceholderReferenceTargets(true);
    settings.setEnforceReferentialIntegrityOnWrite(false);
    settings.setEnforceReferentialIntegrityOnDelete(false);
    settings.setAllowExternalReferences(true);
    // a patient's opt-out expunges the earlier versions of what is withdrawn (OptOutWithdrawal); $expunge over REST
    // stays refused, the national endpoint being read-only
    settings.setExpungeEnabled(true);
    // _content and _text search the full-text index, which holds only the sealed resources' clear projections
    settings.setHibernateSearchIndexFullText(true);
    return settings;
  }

  /** The national store holds no subscriptions of its own yet. */
  @Bean
  SubscriptionSettings subscriptionSettings() {
    return new SubscriptionSettings();
  }

  @Bean
  FhirServerCustomizer readOnlyNationalStore() {
    Set<String> posts = new HashSet<>(RegistryOperations.WRITES);
    posts.addAll(KeyOperations.POSTS);
    return server -> server.registerInterceptor(new ReadOnlyStoreInterceptor(posts));
  }
}
