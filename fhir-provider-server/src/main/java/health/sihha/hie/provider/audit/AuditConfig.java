package health.sihha.hie.provider.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.provider.ProviderProperties;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import health.sihha.hie.server.security.HeldResources;
import health.sihha.hie.server.security.StoredAuditSink;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The provider's audit trail: HAPI's BALP interceptor on the REST server makes an AuditEvent of every create, update,
 * delete, read and search, stored through the DAO ({@link StoredBalpSink}); and {@code Patient/[id]/$access-log}.
 *
 * <p>Only the REST server's requests are audited: the server's own writes (the AuditEvents among them) go through
 * the DAOs with a {@code SystemRequestDetails}, which HAPI does not broadcast to the REST server's interceptors, so
 * storing an AuditEvent never makes another. AuditEvents are never sent to the ministry: the type may not be among
 * {@code sihha.provider.aggregated-types}. Each stored AuditEvent version is queued for the ledger like any other
 * version (the ledger's queue is on the JPA-wide interceptors).
 */
@Configuration
class AuditConfig {

  @Bean
  FhirServerCustomizer balpAudit(DaoRegistry daos, IValidationSupport validationSupport, MeterRegistry meters,
      ProviderProperties provider, JpaTransactionManager transactions, IIdHelperService<JpaPid> ids,
      HeldResources held, FhirContext context) {
    if (provider.aggregatedTypes().contains("AuditEvent")) {
      throw new IllegalStateException("sihha.provider.aggregated-types must not include AuditEvent: the audit trail "
          + "stays at the provider");
    }
    TransactionTemplate ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    StoredAuditSink store = new StoredAuditSink(daos, validationSupport, ids, held);
    TransactionAuditBatch bundles = new TransactionAuditBatch(store, context);
    StoredBalpSink sink = new StoredBalpSink(store, ownTransaction, bundles, meters);
    BalpAuditCaptureInterceptor balp = new BalpAuditCaptureInterceptor(sink, new GrantAuditContext());
    return server -> {
      server.registerInterceptor(bundles);
      server.registerInterceptor(balp);
    };
  }

  @Bean
  FhirServerCustomizer accessLogOperation(DaoRegistry daos, ProviderProperties provider, AuditProperties audit) {
    AccessLogPolicy policy = new AccessLogPolicy(provider.id(), audit.privacyOfficerRole());
    AccessLog log = new AccessLog(daos.getResourceDao(AuditEvent.class), daos.getResourceDao(Patient.class));
    AccessLogOperation operation = new AccessLogOperation(policy, log, audit);
    return server -> server.registerProvider(operation);
  }

  /** User and system scopes reading Patient reach it, and a patient's own scopes on that patient; the log decides. */
  @Bean
  OperationPermission accessLogPermission() {
    return OperationPermission.onOwnPatient("$access-log", Interaction.READ);
  }
}
