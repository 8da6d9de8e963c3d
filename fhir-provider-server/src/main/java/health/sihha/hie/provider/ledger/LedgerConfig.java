package health.sihha.hie.provider.ledger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.sihha.hie.interceptors.ledger.canonical.ResourceCanonicalizer;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.log.TreeHeadAnchor;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import health.sihha.hie.interceptors.ledger.verify.AuditorVerifier;
import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.interceptors.security.SmartScope;
import health.sihha.hie.server.FhirServerProperties;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The provider's ledger node: an embedded Merkle log in the provider's own database, fed after commit from a durable
 * queue of the versions written, with its operations on {@code /fhir}.
 */
@Configuration
@EnableScheduling
class LedgerConfig {

  /**
   * The ledger tables on HAPI's own DataSource: JpaTransactionManager exposes each JPA transaction's connection for
   * its DataSource, so the queue row commits or rolls back with the version it names.
   */
  @Bean
  JdbcLedgerStore ledgerStore(DataSource dataSource, JpaTransactionManager transactions) {
    if (transactions.getDataSource() != dataSource) {
      throw new IllegalStateException("the ledger must share HAPI's DataSource to join its transactions");
    }
    new LedgerSchema(JdbcClient.create(dataSource)).create();
    return new JdbcLedgerStore(new JdbcTemplate(dataSource));
  }

  @Bean
  NodeKeyFile ledgerKeys(LedgerProperties ledger, FhirServerProperties server) {
    return NodeKeyFile.loadOrCreate(ledger.keyFile(server.dataDir()));
  }

  /** Opening checks the stored frontier against the latest signed head; the empty tree's head is signed first. */
  @Bean
  LedgerLog ledgerLog(JdbcLedgerStore store, NodeKeyFile keys, LedgerProperties ledger) {
    LedgerLog log = LedgerLog.open(store, TreeHeads.signer(ledger.nodeId(), keys.keys()), Clock.systemUTC());
    log.appendBatch(List.of());
    return log;
  }

  @Bean
  ResourceCanonicalizer ledgerCanonicalizer(FhirContext context, LedgerProperties ledger) {
    return new ResourceCanonicalizer(context, ledger.serverBases());
  }

  @Bean
  StoredVersions storedVersions(DaoRegistry daos) {
    return new StoredVersions(daos);
  }

  /**
   * On HAPI's JPA-wide interceptor service, so that every write path (REST, transactions, DAOs) is queued; after the
   * store, which creates the queue table.
   */
  @Bean
  @ConditionalOnProperty(prefix = "sihha.provider.ledger", name = "enabled", matchIfMissing = true)
  VersionQueueInterceptor versionQueue(IInterceptorService jpaInterceptors, FhirContext context, DataSource dataSource,
      JdbcLedgerStore store, ResourceHasher hasher) {
    VersionQueueInterceptor queue = new VersionQueueInterceptor(context, new JdbcTemplate(dataSource), hasher);
    jpaInterceptors.registerInterceptor(queue);
    return queue;
  }

  /** The node's salted hashing: what its ledger anchors, and what its notifications tell the ministry. */
  @Bean
  ResourceHasher ledgerHasher(ResourceCanonicalizer canonicalizer, NodeKeyFile keys) {
    return new ResourceHasher(canonicalizer, keys.salt());
  }

  @Bean
  LedgerAppender ledgerAppender(DataSource dataSource, JpaTransactionManager transactions, LedgerLog log,
      JdbcLedgerStore store, StoredVersions versions, ResourceHasher hasher, LedgerProperties ledger,
      ObjectProvider<TreeHeadAnchor> anchors) {
    return new LedgerAppender(new JdbcTemplate(dataSource), new TransactionTemplate(transactions), log, store,
        versions, hasher, ledger.batchSize(), anchors.orderedStream().toList());
  }

  @Bean
  @ConditionalOnProperty(prefix = "sihha.provider.ledger", name = "enabled", matchIfMissing = true)
  SchedulingConfigurer ledgerSchedule(LedgerAppender appender, LedgerProperties ledger) {
    return tasks -> tasks.addFixedDelayTask(appender::drain, ledger.flushEvery());
  }

  @Bean
  FhirServerCustomizer ledgerOperations(LedgerLog log, JdbcLedgerStore store, NodeKeyFile keys,
      LedgerProperties ledger, StoredVersions versions, ResourceCanonicalizer canonicalizer, FhirContext context) {
    LedgerNode node = new LedgerNode(log, store, keys, ledger.nodeId(), versions, new AuditorVerifier(canonicalizer),
        context);
    LedgerOperations operations = new LedgerOperations(node, versions);
    return server -> server.registerProvider(operations);
  }

  /** A version's proof and verification are about that resource: they need the right to read its type. */
  @Bean
  OperationPermission ledgerProofPermission() {
    return new OperationPermission("$ledger-proof", SmartScope.ALL_TYPES, Interaction.READ);
  }

  @Bean
  OperationPermission ledgerVerifyPermission() {
    return new OperationPermission("$verify", SmartScope.ALL_TYPES, Interaction.READ);
  }

  /** The tree heads, key, consistency proofs and audit carry hashes only: any reading scope may have them. */
  @Bean
  OperationPermission ledgerTreeHeadsPermission() {
    return new OperationPermission("$ledger-tree-heads", OperationPermission.SERVER, Interaction.READ);
  }

  @Bean
  OperationPermission ledgerPublicKeyPermission() {
    return new OperationPermission("$ledger-public-key", OperationPermission.SERVER, Interaction.READ);
  }

  @Bean
  OperationPermission ledgerConsistencyPermission() {
    return new OperationPermission("$ledger-consistency", OperationPermission.SERVER, Interaction.READ);
  }

  @Bean
  OperationPermission ledgerAuditPermission() {
    return new OperationPermission("$ledger-audit", OperationPermission.SERVER, Interaction.READ);
  }
}
