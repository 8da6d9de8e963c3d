package health.sihha.hie.ministry.cpabe.keys;

import health.sihha.hie.interceptors.audit.AuditSink;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import health.sihha.hie.ministry.cpabe.rewrap.RewrapJob;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The attribute authority's operations; their security is in {@link KeysSecurityConfig}. */
@Configuration
class KeysConfig {

  @Bean
  KeyOperations keyOperations(AttributeAuthority authority, RewrapJob rewrap, ObjectProvider<SmartGrants> grants,
      ObjectProvider<AuditSink> sink, ServerIdentity identity) {
    KeyAudit audit = new KeyAudit(sink.getIfAvailable());
    return new KeyOperations(authority,
        new KeyDelivery(grants.getIfAvailable(), authority, audit, identity.id()),
        new EpochAdministration(authority, rewrap, audit, identity.id()), rewrap);
  }

  @Bean
  FhirServerCustomizer keyOperationsProvider(KeyOperations operations) {
    return server -> server.registerProvider(operations);
  }
}
