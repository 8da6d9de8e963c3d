package health.sihha.hie.provider.aggregation.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import health.sihha.hie.provider.ProviderServerTest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * HAPI's own subscription pipeline sees a write only when one of the Subscriptions it delivers may want it: the
 * ministry's feed is the outbox's, so a write only that feed wants never reaches HAPI's matcher.
 */
class HapiMatchingScopeTest extends ProviderServerTest {

  @Autowired
  private IInterceptorService jpaInterceptors;

  @Test
  void aWriteOnlyTheMinistryWantsStaysOutOfHapisMatcherAndOneAnotherSubscriptionMayWantGoesIn() {
    MatcherRecorder matcher = new MatcherRecorder();
    jpaInterceptors.registerInterceptor(matcher);
    String patients = subscribeToPatients();
    try {
      String patient = createPatient("Matcher");
      Observation observation = new Observation();
      observation.setStatus(Observation.ObservationStatus.FINAL).getCode().setText("heart rate");
      observation.setSubject(new Reference("Patient/" + patient));
      String observationId = client().create().resource(observation).execute().getId().getIdPart();

      // submitted in the write's own thread, so the Observation's absence is known once its create returned
      assertThat(matcher.submitted("Observation/" + observationId)).isFalse();
      assertThat(matcher.submitted("Patient/" + patient)).isTrue();
      await().atMost(Duration.ofSeconds(30)).until(() -> matcher.checked("Patient/" + patient));
      assertThat(matcher.checked("Observation/" + observationId)).isFalse();
    } finally {
      client().delete().resourceById("Subscription", patients).execute();
      jpaInterceptors.unregisterInterceptor(matcher);
    }
  }

  /** A rest-hook Subscription HAPI delivers itself, on Patient alone; returns its id once HAPI activated it. */
  private String subscribeToPatients() {
    Subscription subscription = new Subscription();
    subscription.setStatus(SubscriptionStatus.REQUESTED);
    subscription.setReason("patients, for a test of HAPI's matcher");
    subscription.setCriteria("Patient?");
    subscription.getChannel().setType(SubscriptionChannelType.RESTHOOK)
        .setEndpoint(MINISTRY.ingestUrl().replace("/ingest", "/stock-alerts")).setPayload("application/fhir+json");
    String id = client().create().resource(subscription).execute().getId().getIdPart();
    await().atMost(Duration.ofSeconds(30)).until(() -> client().read().resource(Subscription.class).withId(id)
        .execute().getStatus() == SubscriptionStatus.ACTIVE);
    return id;
  }

  /**
   * Records the writes submitted to HAPI's pipeline (after every other hook let them in) and those its matcher then
   * checked against its Subscriptions.
   */
  @Interceptor
  public static final class MatcherRecorder {

    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    @Hook(value = Pointcut.SUBSCRIPTION_RESOURCE_MODIFIED, order = Integer.MAX_VALUE)
    public boolean submitted(ResourceModifiedMessage message) {
      submitted.add(message.getPayloadId());
      return true;
    }

    @Hook(Pointcut.SUBSCRIPTION_AFTER_PERSISTED_RESOURCE_CHECKED)
    public void checked(ResourceModifiedMessage message) {
      checked.add(message.getPayloadId());
    }

    boolean submitted(String typeAndId) {
      return names(submitted, typeAndId);
    }

    boolean checked(String typeAndId) {
      return names(checked, typeAndId);
    }

    private static boolean names(Set<String> payloads, String typeAndId) {
      return payloads.stream().anyMatch(payload -> payload.equals(typeAndId) || payload.startsWith(typeAndId + "/"));
    }
  }
}
