package health.sihha.hie.ministry.cpabe.seal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import health.sihha.hie.interceptors.audit.AuditSink;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import health.sihha.hie.ministry.cpabe.authority.CpAbeProperties;
import health.sihha.hie.server.security.HeldResources;
import health.sihha.hie.server.security.StoredAuditSink;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sealing and unsealing at the ministry, on the JPA interceptors: they see the server's own writes and reads
 * (ingestion, linking, withdrawal) as well as the REST requests'.
 */
@Configuration
class SealingConfig {

  @Bean
  SealingRules sealingRules(SealingProperties properties) {
    return new SealingRules(properties.rules());
  }

  /** The family name index key beside the master key file: neither is in the database. */
  @Bean
  FamilyIndex familyIndex(CpAbeProperties cpabe) {
    return FamilyIndex.fromKeyFile(cpabe.masterKeyFile().toAbsolutePath().resolveSibling("family-name-index.key"));
  }

  /** Shared by the sealing of what arrives and the re-wrap job's moves. */
  @Bean
  SharedEncapsulations sharedEncapsulations(SealingProperties properties, CpAbe abe) {
    return new SharedEncapsulations(abe, properties.encapsulationMaxUses(), properties.encapsulationMaxAge(),
        Clock.systemUTC());
  }

  @Bean
  SealingInterceptor sealingInterceptor(SealingProperties properties, CpAbe abe, SharedEncapsulations encapsulations,
      AttributeAuthority authority, SealingRules rules, FamilyIndex familyIndex, FhirContext fhirContext,
      IInterceptorService jpaInterceptors) {
    SealingInterceptor sealing =
        new SealingInterceptor(abe, encapsulations, authority, rules, familyIndex, fhirContext, properties.enabled());
    if (properties.enabled()) {
      jpaInterceptors.registerInterceptor(sealing);
    }
    return sealing;
  }

  @Bean
  UnsealingInterceptor unsealingInterceptor(SealingProperties properties, AttributeAuthority authority,
      SealingRules rules, ObjectProvider<AuditSink> audit, DaoRegistry daos, IValidationSupport profiles,
      IIdHelperService<JpaPid> ids, HeldResources held,
      ServerIdentity identity, FhirContext fhirContext, IInterceptorService jpaInterceptors,
      @Value("${sihha.security.enabled:true}") boolean securityEnabled) {
    ContentOpener opener = new ContentOpener(authority, properties.keyEncryptionKeyCacheSize());
    Readers readers = new Readers(authority, securityEnabled, properties.trustedRoles());
    UnsealingInterceptor unsealing = new UnsealingInterceptor(opener, rules, readers,
        audit.getIfAvailable(() -> new StoredAuditSink(daos, profiles, ids, held)), identity.id(),
        properties.parallelFrom(), fhirContext);
    jpaInterceptors.registerInterceptor(unsealing);
    return unsealing;
  }
}
