package health.sihha.hie.provider.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.subscription.submit.interceptor.SubscriptionValidatingInterceptor;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.subscription.SubscriptionGuard;
import health.sihha.hie.provider.ProviderServerTest;
import health.sihha.hie.provider.aggregation.outbox.MinistrySubscription;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Subscriptions are infrastructure: where data may flow is the server's decision, and it is checked at every step. */
class SubscriptionInfrastructureTest extends ProviderServerTest {

  @Autowired
  MinistrySubscription ministrySubscription;

  @Autowired
  StoredSubscriptionCheck storedCheck;

  @Autowired
  SubscriptionGuard guard;

  @Autowired
  SubscriptionValidatingInterceptor hapiValidation;

  @Autowired
  IInterceptorService jpaInterceptors;

  @Autowired
  DaoRegistry daos;

  @Test
  void aRestHookToAnEndpointOffTheAllowListIsRefused() {
    int before = client().search().forResource(Subscription.class).returnBundle(Bundle.class).execute().getEntry()
        .size();
    for (String endpoint : new String[] {"https://attacker.example.com/collect", MINISTRY.ingestUrl() + "/provider-b"}) {
      assertThatThrownBy(() -> client().create().resource(restHook(endpoint)).execute())
          .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("SIHHA-1072");
    }
    assertThat(client().search().forResource(Subscription.class).returnBundle(Bundle.class).execute().getEntry())
        .hasSize(before);
  }

  @Test
  void theMinistryFeedIsChangedByTheServerAloneAndRestoredWhenChanged() {
    String id = MinistrySubscription.ID;
    assertThatThrownBy(() -> client().delete().resourceById("Subscription", id).execute())
        .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("SIHHA-1071");

    // whatever else changes it (a maintenance script as the server, HAPI setting it to error), the check restores it
    subscriptions().delete(new IdType("Subscription", id), new SystemRequestDetails());
    ministrySubscription.ensure();
    Subscription restored = subscriptions().read(new IdType("Subscription", id), new SystemRequestDetails());
    assertThat(restored.getChannel().getEndpoint()).isEqualTo(MINISTRY.ingestUrl() + "/provider-test");
    assertThat(restored.getCriteria()).isEqualTo("https://sihha.health/fhir/SubscriptionTopic/national-aggregation");
  }

  @Test
  void aStoredRestHookOffTheAllowListIsSwitchedOffAtStartUp() {
    IdType id = storedBeforeTheAllowListChanged(restHook(MINISTRY.ingestUrl() + "/provider-other"));
    try {
      storedCheck.switchOffDisallowed();
      Subscription switchedOff = read(id);
      assertThat(switchedOff.getStatus()).isEqualTo(SubscriptionStatus.OFF);
      assertThat(switchedOff.getError()).contains("not on the allow-list");
      assertThat(read(new IdType("Subscription", MinistrySubscription.ID)).getStatus())
          .isNotEqualTo(SubscriptionStatus.OFF);
    } finally {
      subscriptions().delete(id, new SystemRequestDetails());
    }
  }

  /** Writes past today's checks, as a Subscription stored under an older, wider allow-list would be. */
  private IdType storedBeforeTheAllowListChanged(Subscription subscription) {
    jpaInterceptors.unregisterInterceptor(guard);
    jpaInterceptors.unregisterInterceptor(hapiValidation);
    try {
      return (IdType) subscriptions().create(subscription, new SystemRequestDetails()).getId()
          .toUnqualifiedVersionless();
    } finally {
      jpaInterceptors.registerInterceptor(hapiValidation);
      jpaInterceptors.registerInterceptor(guard);
    }
  }

  private Subscription read(IdType id) {
    return subscriptions().read(id, new SystemRequestDetails());
  }

  private IFhirResourceDao<Subscription> subscriptions() {
    return daos.getResourceDao(Subscription.class);
  }

  private static Subscription restHook(String endpoint) {
    Subscription subscription = new Subscription();
    subscription.setStatus(SubscriptionStatus.REQUESTED);
    subscription.setReason("test");
    subscription.setCriteria("Patient?");
    subscription.getChannel().setType(SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
        .setPayload("application/fhir+json");
    return subscription;
  }
}
