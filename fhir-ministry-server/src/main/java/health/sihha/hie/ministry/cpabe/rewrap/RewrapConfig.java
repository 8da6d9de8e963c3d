package health.sihha.hie.ministry.cpabe.rewrap;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The re-wrap job and, when enabled, its background worker. */
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
  RewrapJob rewrapJob(AttributeAuthority authority, CpAbe abe, DaoRegistry daos, DataSource dataSource,
      RewrapProperties properties, ScheduledExecutorService rewrapWorker) {
    // each instance claims under its own name; a restarted one is a new claimant and waits out the old lease
    RewrapJob job = new RewrapJob(authority, abe, daos, dataSource, new RewrapProgress(dataSource, Clock.systemUTC()),
        properties, "ministry-" + UUID.randomUUID(), properties.enabled() ? task -> rewrapWorker.execute(() ->
            logged(task)) : task -> { });
    if (properties.enabled()) {
      long period = properties.pollInterval().toMillis();
      rewrapWorker.scheduleWithFixedDelay(() -> logged(job::runToEnd), period, period, TimeUnit.MILLISECONDS);
    }
    return job;
  }

  private static void logged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("the CP-ABE re-wrap job stopped; it resumes from its recorded progress", e);
    }
  }
}
