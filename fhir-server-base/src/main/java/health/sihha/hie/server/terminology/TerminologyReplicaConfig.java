package health.sihha.hie.server.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.jpa.validation.FhirContextValidationSupportSvc;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.expand.ExpansionLimits;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.grammar.UcumCodeSystem;
import health.sihha.hie.terminology.load.ucum.UcumGrammar;
import health.sihha.hie.terminology.replica.ReplicaCredentials;
import health.sihha.hie.terminology.replica.ReplicaValidationSupport;
import health.sihha.hie.terminology.replica.TerminologyReplica;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The terminology replica every Sihha server keeps: synced from the terminology server in the background, first in
 * HAPI's validation support chain, reported in health and metrics.
 */
@Configuration
@EnableConfigurationProperties(TerminologyReplicaProperties.class)
@ConditionalOnProperty(prefix = "sihha.terminology.replica", name = "enabled", matchIfMissing = true)
public class TerminologyReplicaConfig {

  private static final Logger LOG = LoggerFactory.getLogger(TerminologyReplicaConfig.class);

  /**
   * Reads what the folder holds in the background while the server starts (readiness waits for it). HAPI's
   * {@link FhirContextValidationSupportSvc} turns the shared context's raw-JSON flag on when it is created, and HAPI's
   * parser reads that flag twice per parse (a ClassCastException when it changes in between), so it is created
   * before the replica starts parsing.
   */
  @Bean(destroyMethod = "close")
  public TerminologyReplica terminologyReplica(FhirContext fhirContext, TerminologyReplicaProperties properties,
      ObjectProvider<FhirContextValidationSupportSvc> rawJsonFlagSetter) {
    rawJsonFlagSetter.ifAvailable(created -> { });
    ReplicaCredentials credentials = properties.credentials().orElse(null);
    LOG.info("Terminology replica follows {} {}", properties.sourceUrl(),
        credentials == null ? "without a token" : "with client-credentials tokens of " + credentials.clientId());
    TerminologyReplica replica = TerminologyReplica.open(fhirContext, properties.dir(), properties.sourceUrl(),
        properties.syncInterval(), properties.resourceTypes(), credentials);
    replica.startLoading();
    return replica;
  }

  /**
   * Syncs once the server is up, so that fetching a large code system does not slow its start; a source that is down
   * fails nothing.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void startSyncing(ApplicationReadyEvent ready) {
    ready.getApplicationContext().getBean(TerminologyReplica.class).startSyncing();
  }

  /** UCUM units are checked by grammar, from the UCUM essence bundled with the UCUM library. */
  @Bean
  @ConditionalOnMissingBean
  public GrammarCodeSystems grammarCodeSystems() {
    return new GrammarCodeSystems(List.of(new UcumCodeSystem(UcumGrammar.bundled())));
  }

  @Bean
  public Terminology replicaTerminology(TerminologyReplica replica, ObjectProvider<GrammarCodeSystems> grammars) {
    return Terminology.over(replica.registry(), grammars.getIfAvailable(GrammarCodeSystems::none),
        ExpansionLimits.DEFAULT);
  }

  /** Put first in HAPI's chain, so held code systems are answered in memory; its caches are dropped on change. */
  @Bean
  public ReplicaValidationSupport replicaValidationSupport(FhirContext fhirContext, Terminology replicaTerminology,
      ObjectProvider<GrammarCodeSystems> grammars, TerminologyReplica replica,
      @Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) IValidationSupport chain) {
    ReplicaValidationSupport support = new ReplicaValidationSupport(fhirContext, replicaTerminology,
        grammars.getIfAvailable(GrammarCodeSystems::none));
    ValidationSupportChain validationChain = (ValidationSupportChain) chain;
    validationChain.addValidationSupport(0, support);
    replica.onChange(validationChain::invalidateCaches);
    return support;
  }

  @Bean
  public TerminologyReplicaHealthIndicator terminologyReplicaHealthIndicator(TerminologyReplica replica) {
    return new TerminologyReplicaHealthIndicator(replica);
  }

  @Bean
  public TerminologyReplicaMetrics terminologyReplicaMetrics(TerminologyReplica replica) {
    return new TerminologyReplicaMetrics(replica);
  }
}
