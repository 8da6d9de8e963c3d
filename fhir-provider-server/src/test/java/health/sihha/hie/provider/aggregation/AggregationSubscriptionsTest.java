package health.sihha.hie.provider.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.sihha.hie.provider.DeliveryRecorder.Delivery;
import health.sihha.hie.provider.ProviderProperties;
import health.sihha.hie.provider.ProviderServerTest;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AggregationSubscriptionsTest extends ProviderServerTest {

  @Autowired
  ProviderProperties provider;

  @Autowired
  MinistrySubscriptions subscriptions;

  @Test
  void oneActiveRestHookPerAggregatedTypeWithFullPayload() {
    for (String type : provider.aggregatedTypes()) {
      Subscription subscription = readSubscription(type);
      assertThat(subscription.getCriteria()).isEqualTo(type + "?");
      assertThat(subscription.getChannel().getType()).isEqualTo(Subscription.SubscriptionChannelType.RESTHOOK);
      assertThat(subscription.getChannel().getEndpoint()).isEqualTo(MINISTRY.ingestUrl() + "/provider-test");
      assertThat(subscription.getChannel().getPayload()).isEqualTo("application/fhir+json");
      await().atMost(Duration.ofSeconds(30))
          .until(() -> readSubscription(type).getStatus() == SubscriptionStatus.ACTIVE);
    }
  }

  @Test
  void ensuringAgainAtRestartChangesNothing() {
    String versionBefore = readSubscription("Patient").getMeta().getVersionId();
    subscriptions.ensureSubscriptions();
    assertThat(readSubscription("Patient").getMeta().getVersionId()).isEqualTo(versionBefore);
  }

  @Test
  void createAndUpdateAreDeliveredOnceWithTheFullResource() {
    await().atMost(Duration.ofSeconds(30))
        .until(() -> readSubscription("Patient").getStatus() == SubscriptionStatus.ACTIVE
            && readSubscription("Condition").getStatus() == SubscriptionStatus.ACTIVE);
    Patient patient = newPatient("Delivered");
    IdType id = (IdType) client().create().resource(patient).execute().getId();
    Condition condition = new Condition();
    condition.setSubject(new Reference(id.toUnqualifiedVersionless()));
    condition.getCode().setText("hypertension");
    client().create().resource(condition).execute();
    patient.setId(id.toUnqualifiedVersionless());
    patient.getNameFirstRep().setFamily("Delivered-Again");
    client().update().resource(patient).execute();

    String path = "/ingest/provider-test/Patient/" + id.getIdPart();
    await().atMost(Duration.ofSeconds(30)).until(() -> deliveriesTo(path).size() >= 2);
    List<Delivery> patientDeliveries = deliveriesTo(path);
    assertThat(patientDeliveries).hasSize(2).allSatisfy(d -> assertThat(d.method()).isEqualTo("PUT"));
    assertThat(patientDeliveries).map(Delivery::body)
        .anySatisfy(body -> assertThat(body).contains("\"Delivered\"").contains("\"versionId\":\"1\""))
        .anySatisfy(body -> assertThat(body).contains("\"Delivered-Again\"").contains("\"versionId\":\"2\""));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> MINISTRY.deliveries().stream().anyMatch(d -> d.path().startsWith("/ingest/provider-test/Condition/")
            && d.body().contains("Patient/" + id.getIdPart())));
  }

  private List<Delivery> deliveriesTo(String path) {
    return MINISTRY.deliveries().stream().filter(d -> d.path().equals(path)).toList();
  }

  private Subscription readSubscription(String type) {
    return client().read().resource(Subscription.class).withId(MinistrySubscriptions.idFor(type)).execute();
  }
}
