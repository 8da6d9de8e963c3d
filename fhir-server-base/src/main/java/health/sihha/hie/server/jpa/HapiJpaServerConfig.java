package health.sihha.hie.server.jpa;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import health.sihha.hie.server.FhirServerProperties;
import health.sihha.hie.server.FhirServerProperties.SchemaManagement;
import health.sihha.hie.server.schema.HapiSchemaMigration;
import health.sihha.hie.server.security.HeldResources;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;

/**
 * The HAPI JPA R4 storage engine, wired once for every Sihha server: HAPI's own configuration classes, an entity
 * manager built by HAPI's factory, the schema created by HAPI's migrator, and subscription processing.
 *
 * <p>Each application supplies its own {@link JpaStorageSettings} and
 * {@link ca.uhn.fhir.jpa.model.config.SubscriptionSettings} beans: these are what differ between a provider and the
 * ministry.
 */
@Configuration
@EnableConfigurationProperties(FhirServerProperties.class)
@Import({
  HapiJpaConfig.class,
  JpaR4Config.class,
  JpaBatch2Config.class,
  Batch2JobsConfig.class,
  ThreadPoolFactoryConfig.class,
  SubscriptionSubmitterConfig.class,
  SubscriptionProcessorConfig.class,
  SubscriptionChannelConfig.class
})
public class HapiJpaServerConfig {

  @Bean
  public IEmailSender emailSender() {
    return new EmailChannelDisabled();
  }

  @Bean
  public AuditTrailDeleteConflicts auditTrailDeleteConflicts(IInterceptorService jpaInterceptors) {
    AuditTrailDeleteConflicts interceptor = new AuditTrailDeleteConflicts();
    jpaInterceptors.registerInterceptor(interceptor);
    return interceptor;
  }

  /** Registered with the storage interceptors: it learns which resources a transaction deletes. */
  @Bean
  public HeldResources heldResources(IInterceptorService jpaInterceptors) {
    HeldResources held = new HeldResources();
    jpaInterceptors.registerInterceptor(held);
    return held;
  }

  @Bean
  public PartitionSettings partitionSettings() {
    return new PartitionSettings();
  }

  /** Runs before the entity manager exists, so Hibernate only ever sees a schema at HAPI's current version. */
  @Bean
  public SchemaReady schemaReady(DataSource dataSource, FhirServerProperties properties) {
    if (properties.schema() == SchemaManagement.HAPI_MIGRATOR) {
      new HapiSchemaMigration(dataSource).migrate();
    }
    return new SchemaReady(properties.schema());
  }

  @Primary
  @Bean
  public LocalContainerEntityManagerFactoryBean entityManagerFactory(
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings,
      JpaProperties jpaProperties,
      DataSource dataSource,
      SchemaReady schema) {
    LocalContainerEntityManagerFactoryBean factory =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
    Map<String, String> settings = new HashMap<>();
    settings.put(AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner");
    settings.put(AvailableSettings.IMPLICIT_NAMING_STRATEGY, SpringImplicitNamingStrategy.class.getName());
    settings.put(AvailableSettings.PHYSICAL_NAMING_STRATEGY, CamelCaseToUnderscoresNamingStrategy.class.getName());
    settings.put(AvailableSettings.STATEMENT_BATCH_SIZE, "20");
    settings.put(AvailableSettings.USE_QUERY_CACHE, "false");
    settings.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
    settings.put(AvailableSettings.HBM2DDL_AUTO, schema.management() == SchemaManagement.HIBERNATE_UPDATE ? "update" : "none");
    settings.putAll(jpaProperties.getProperties());
    factory.setPersistenceUnitName("HAPI_PU");
    factory.setJpaPropertyMap(settings);
    factory.setDataSource(dataSource);
    return factory;
  }

  @Primary
  @Bean
  public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }

  /** Marker that the schema is in place; the entity manager factory depends on it. */
  public record SchemaReady(SchemaManagement management) {}
}
