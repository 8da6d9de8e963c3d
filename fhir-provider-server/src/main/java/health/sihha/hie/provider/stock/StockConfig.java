package health.sihha.hie.provider.stock;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.registry.ISearchParamRegistryController;
import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import java.time.Clock;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.support.CronTrigger;

/** Medication stock: balances kept with every receipt and dispense, the {@code $stock} operation, stock alerts. */
@Configuration
@EnableScheduling
class StockConfig {

  /**
   * The stock table on HAPI's own DataSource. JpaTransactionManager exposes the JDBC connection of each JPA
   * transaction for its DataSource, so JDBC statements on that same DataSource join HAPI's transactions; with any
   * other DataSource they would commit on their own, hence the check.
   */
  @Bean
  StockLevels stockLevels(DataSource dataSource, JpaTransactionManager transactions, StockProperties properties) {
    if (transactions.getDataSource() != dataSource) {
      throw new IllegalStateException("stock levels must share HAPI's DataSource to join its transactions");
    }
    JdbcClient jdbc = JdbcClient.create(dataSource);
    new StockSchema(jdbc).create();
    return new StockLevels(jdbc, Clock.system(properties.zone()));
  }

  @Bean
  StockBalanceInterceptor stockBalanceInterceptor(IInterceptorService jpaInterceptors, StockLevels levels,
      DaoRegistry daos, StockProperties properties) {
    StockBalanceInterceptor interceptor = new StockBalanceInterceptor(
        new StockMovements(Clock.system(properties.zone())),
        new StockBalances(levels, daos.getResourceDao(Medication.class), properties.zone()));
    jpaInterceptors.registerInterceptor(interceptor);
    return interceptor;
  }

  @Bean
  FhirServerCustomizer stockOperation(StockLevels levels, DaoRegistry daos, StockProperties properties) {
    StockReport report = new StockReport(levels, daos.getResourceDao(Medication.class), properties.zone());
    StockOperationProvider provider = new StockOperationProvider(report, properties.zone());
    return server -> server.registerProvider(provider);
  }

  @Bean
  StockAlertJob stockAlertJob(StockLevels levels, DaoRegistry daos, StockProperties properties) {
    Clock clock = Clock.system(properties.zone());
    return new StockAlertJob(levels, daos.getResourceDao(Medication.class),
        new StockFlags(daos.getResourceDao(Flag.class), clock), properties, clock);
  }

  @Bean
  SchedulingConfigurer stockAlertSchedule(StockAlertJob job, StockProperties properties) {
    return tasks -> tasks.addTriggerTask(job::run, new CronTrigger(properties.alertCron(), properties.zone()));
  }

  /** Flags get code and status search parameters before anything subscribes to them. */
  @Bean
  ApplicationListener<ApplicationReadyEvent> flagSearchParameters(DaoRegistry daos,
      ISearchParamRegistryController registry) {
    FlagSearchParameters parameters = new FlagSearchParameters(daos.getResourceDao(SearchParameter.class), registry);
    return ready -> parameters.ensure();
  }

  /** The stock report is about Medications: it needs the right to read them. */
  @Bean
  OperationPermission stockPermission() {
    return new OperationPermission("$stock", "Medication", Interaction.READ);
  }
}
