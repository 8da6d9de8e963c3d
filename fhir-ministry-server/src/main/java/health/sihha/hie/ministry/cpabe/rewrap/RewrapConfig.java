package health.sihha.hie.ministry.cpabe.rewrap;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.data.IResourceHistoryTableDao;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import health.sihha.hie.ministry.cpabe.seal.SealingInterceptor;
import health.sihha.hie.ministry.cpabe.seal.SealingRules;
import health.sihha.hie.ministry.cpabe.seal.SharedEncapsulations;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The re-wrap job, when enabled its background worker, the re-application of changed rules at start-up, and the
 * index of sealed versions' epochs the job works from.
 */
@Configuration
@EnableConfigurationProperties(RewrapProperties.class)
class RewrapConfig {

  private static final Logger LOG = LoggerFactory.getLogger(RewrapConfig.class);

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService rewrapWorker() {
    return Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "cpabe-rewrap");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Bean
  EnvelopeIndex envelopeIndex(DataSource dataSource, IInterceptorService jpaInterceptors) {
    EnvelopeIndex index = new EnvelopeIndex(dataSource);
    jpaInterceptors.registerInterceptor(new EnvelopeIndexInterceptor(index));
    return index;
  }

  @Bean
  StoredVersions storedVersions(IResourceHistoryTableDao versions, PlatformTransactionManager transactionManager,
      FhirContext fhirContext) {
    return new StoredVersions(versions, transactionManager, fhirContext);
  }

  @Bean
  RewrapJob rewrapJob(AttributeAuthority authority, CpAbe abe, SharedEncapsulations encapsulations,
      SealingInterceptor sealing, SealingRules rules, DaoRegistry daos, EnvelopeIndex index, StoredVersions versions,
      DataSource dataSource, RewrapProperties properties, ScheduledExecutorService rewrapWorker) {
    // each instance claims under its own name; a restarted one is a new claimant and waits out the old lease
    RewrapJob job = new RewrapJob(authority, abe, encapsulations, sealing, rules, daos, index, versions,
        new RewrapProgress(dataSource, Clock.systemUTC()), properties, "ministry-" + UUID.randomUUID(),
        properties.enabled() ? task -> rewrapWorker.execute(() -> logged(task)) : task -> { });
    if (properties.enabled()) {
      long period = properties.pollInterval().toMillis();
      rewrapWorker.scheduleWithFixedDelay(() -> logged(job::runToEnd), period, period, TimeUnit.MILLISECONDS);
    }
    return job;
  }

  /** Once the server is up: the rules configured now against those the store was last moved under. */
  @EventListener(ApplicationReadyEvent.class)
  void reapplyChangedRules(ApplicationReadyEvent ready) {
    ready.getApplicationContext().getBean(RewrapJob.class).reapplyChangedRules();
  }

  private static void logged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("the CP-ABE re-wrap job stopped; it resumes from its recorded progress", e);
    }
  }
}
