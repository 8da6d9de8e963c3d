package health.sihha.hie.ministry.linking;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.sihha.hie.ministry.cpabe.seal.FamilyIndex;
import health.sihha.hie.server.FhirServerProperties;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.JpaTransactionManager;

/** Patient linking: the link store, the blind index, the person records and the registry operations on /fhir. */
@Configuration
class LinkingConfig {

  /**
   * The link tables on HAPI's own DataSource, created at start-up: JpaTransactionManager exposes each JPA
   * transaction's connection for its DataSource, so the links commit or roll back with the change applied.
   */
  @Bean
  LinkStore linkStore(DataSource dataSource, JpaTransactionManager transactions) {
    if (transactions.getDataSource() != dataSource) {
      throw new IllegalStateException("the link store must share HAPI's DataSource to join its transactions");
    }
    LinkStore store = new LinkStore(JdbcClient.create(dataSource));
    store.createTables();
    return store;
  }

  @Bean
  BlindIndex blindIndex(LinkingProperties linking, FhirServerProperties server) {
    return new BlindIndex(BlindIndexKey.resolve(linking.blindIndexKey(),
        server.dataDir().resolve("linking-blind-index.key")));
  }

  @Bean
  PersonRecords personRecords(DaoRegistry daos, FamilyIndex familyIndex) {
    return new PersonRecords(daos.getResourceDao(Patient.class), familyIndex);
  }

  /** On the JPA interceptors, where {@code $everything}'s search is registered. */
  @Bean
  PersonExpansion personExpansion(IInterceptorService jpaInterceptors, LinkStore store) {
    PersonExpansion expansion = new PersonExpansion(store);
    jpaInterceptors.registerInterceptor(expansion);
    return expansion;
  }

  @Bean
  PersonLinkDeleteConflicts personLinkDeleteConflicts(IInterceptorService jpaInterceptors) {
    PersonLinkDeleteConflicts conflicts = new PersonLinkDeleteConflicts();
    jpaInterceptors.registerInterceptor(conflicts);
    return conflicts;
  }

  @Bean
  FhirServerCustomizer registryOperations(LinkingOperations operations) {
    return server -> server.registerProvider(operations);
  }
}
