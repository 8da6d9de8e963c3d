package health.sihha.hie.provider.aggregation.outbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.provider.ProviderProperties;
import health.sihha.hie.provider.aggregation.MinistryTokens;
import health.sihha.hie.provider.consent.MinistryConsentFilter;
import health.sihha.hie.provider.subscription.SubscriptionProperties;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import health.sihha.hie.server.security.SecurityProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.support.TransactionTemplate;

/** The durable feed to the ministry: the outbox, its dispatcher, its Subscription and that Subscription's operations. */
@Configuration
class OutboxConfig {

  /**
   * The outbox on HAPI's own DataSource, whose JDBC connection JpaTransactionManager exposes for each JPA
   * transaction: so the rows are written in the transactions of the writes they record.
   */
  @Bean
  OutboxStore outboxStore(DataSource dataSource, JpaTransactionManager transactions) {
    if (transactions.getDataSource() != dataSource) {
      throw new IllegalStateException("the outbox must share HAPI's DataSource to join its transactions");
    }
    JdbcClient jdbc = JdbcClient.create(dataSource);
    new OutboxSchema(jdbc).create();
    OutboxStore store = new OutboxStore(jdbc);
    store.ensureSubscription(MinistrySubscription.ID, OutboxDispatcher.REQUESTED);
    return store;
  }

  @Bean
  OutboxWriter outboxWriter(OutboxStore outbox, FhirContext fhirContext, ProviderProperties provider,
      IInterceptorService jpaInterceptors) {
    OutboxWriter writer = new OutboxWriter(outbox, fhirContext, new HashSet<>(provider.aggregatedTypes()),
        Clock.systemUTC());
    jpaInterceptors.registerInterceptor(writer);
    return writer;
  }

  @Bean
  HapiDeliveryExclusion hapiDeliveryExclusion(OutboxStore outbox, IInterceptorService jpaInterceptors,
      SubscriptionRegistry hapiSubscriptions, FhirContext fhirContext) {
    HapiDeliveryExclusion exclusion = new HapiDeliveryExclusion(outbox, hapiSubscriptions, fhirContext);
    jpaInterceptors.registerInterceptor(exclusion);
    return exclusion;
  }

  @Bean
  MinistrySubscription ministrySubscription(DaoRegistry daos, OutboxStore outbox, ProviderProperties provider,
      OutboxProperties properties) {
    return new MinistrySubscription(daos.getResourceDao(Subscription.class), outbox, provider.aggregatedTypes(),
        provider.deliveryEndpoint(), properties);
  }

  /**
   * At start-up, and then at {@code sihha.provider.subscriptions.check-every}: the Subscription is restored if it
   * was changed or deleted by any means.
   */
  @Bean
  ApplicationListener<ApplicationReadyEvent> ministrySubscriptionAtStartUp(MinistrySubscription subscription) {
    return ready -> {
      subscription.removeLegacy();
      subscription.ensure();
    };
  }

  @Bean
  SchedulingConfigurer ministrySubscriptionCheck(MinistrySubscription subscription,
      SubscriptionProperties subscriptions) {
    return tasks -> tasks.addFixedDelayTask(
        new FixedDelayTask(subscription::ensure, subscriptions.checkEvery(), subscriptions.checkEvery()));
  }

  @Bean
  Notifications notifications(FhirContext fhirContext, OutboxProperties properties, ResourceHasher ledgerHasher) {
    Notifications.keepFocusVersions(fhirContext);
    return new Notifications(fhirContext, properties.base(), ledgerHasher);
  }

  @Bean
  OutboxMetrics outboxMetrics(MeterRegistry meters, OutboxStore outbox) {
    return new OutboxMetrics(meters, outbox);
  }

  @Bean
  OutboxDispatcher outboxDispatcher(OutboxStore outbox, DataSource dataSource, FhirContext fhirContext,
      ProviderProperties provider, OutboxProperties properties, ObjectProvider<MinistryTokens> tokens,
      Notifications notifications, MinistrySubscription subscription, MinistryConsentFilter consent,
      OutboxMetrics metrics) {
    // the dispatcher's own transactions touch only the outbox's tables: plain JDBC ones, no JPA session
    TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    MinistryChannel channel = new MinistryChannel(fhirContext, URI.create(provider.deliveryEndpoint()),
        properties.timeout(), tokens.getIfAvailable());
    return new OutboxDispatcher(outbox, new EventNumbering(outbox, template, MinistrySubscription.ID), template,
        channel, notifications, subscription, shared(consent, notifications), properties, metrics,
        Clock.systemUTC(), owner());
  }

  @Bean
  OutboxWorker outboxWorker(OutboxDispatcher dispatcher, OutboxProperties properties) {
    return new OutboxWorker(dispatcher, properties.poll());
  }

  @Bean
  FhirServerCustomizer subscriptionOperations(OutboxStore outbox, Notifications notifications,
      MinistryConsentFilter consent, OutboxProperties properties, ObjectProvider<SecurityProperties> security) {
    SubscriptionOperations operations = new SubscriptionOperations(
        new OutboxReports(outbox, notifications, shared(consent, notifications), properties.base()));
    OutboxOperationAccess access = new OutboxOperationAccess(security.getIfAvailable() != null);
    return server -> {
      server.registerProvider(operations);
      server.registerInterceptor(access);
    };
  }

  /** What the SMART scopes must allow for the outbox's operations; the roles are checked by OutboxOperationAccess. */
  @Bean
  OperationPermission outboxStatusPermission() {
    return new OperationPermission("$status", "Subscription", Interaction.READ);
  }

  @Bean
  OperationPermission outboxEventsPermission() {
    return new OperationPermission("$events", "Subscription", Interaction.READ);
  }

  @Bean
  OperationPermission outboxParkedPermission() {
    return new OperationPermission("$parked", "Subscription", Interaction.READ);
  }

  @Bean
  OperationPermission outboxRetryPermission() {
    return new OperationPermission("$retry", "Subscription", Interaction.UPDATE);
  }

  /**
   * Deletes always go; a created or updated version only where its patient's consent lets the ministry have it, as
   * the Consents stand when each notification is made.
   */
  private static Supplier<Predicate<OutboxEvent>> shared(MinistryConsentFilter consent, Notifications notifications) {
    return () -> {
      Predicate<IBaseResource> mayShare = consent.asOfNow();
      return event -> event.write().operation() == Operation.DELETE
          || mayShare.test(notifications.resource(event.write()));
    };
  }

  /** This replica, as the delivery lease names it. */
  private static String owner() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "/" + UUID.randomUUID();
  }
}
