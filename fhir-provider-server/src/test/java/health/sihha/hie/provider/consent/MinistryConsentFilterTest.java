package health.sihha.hie.provider.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.messaging.BaseResourceMessage.OperationTypeEnum;
import health.sihha.hie.interceptors.consent.ConsentDirectives;
import health.sihha.hie.provider.ProviderProperties;
import health.sihha.hie.provider.ProviderServerTest;
import health.sihha.hie.server.testing.PrivacyConsents;
import java.time.Duration;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A patient's opt-out of sharing with the ministry holds the patient's data back from the aggregation. */
class MinistryConsentFilterTest extends ProviderServerTest {

  @Autowired
  IInterceptorService jpaInterceptors;

  @Autowired
  ProviderProperties provider;

  @Test
  void theDeliveryHooksDropAnOptedOutPatientsDataButNotOthersNorDeletesNorTheConsent() {
    String optedOut = createPatient("OptedOut");
    String other = createPatient("NotOptedOut");
    String consent = client().create().resource(PrivacyConsents.denying(optedOut, ConsentDirectives.MINISTRY))
        .execute().getId().getIdPart();

    assertThat(deliverable(observation(optedOut), OperationTypeEnum.CREATE)).isFalse();
    assertThat(deliverable(client().read().resource("Patient").withId(optedOut).execute(), OperationTypeEnum.UPDATE))
        .isFalse();
    assertThat(deliverable(observation(optedOut), OperationTypeEnum.DELETE)).isTrue();
    assertThat(deliverable(observation(other), OperationTypeEnum.CREATE)).isTrue();
    assertThat(deliverable(client().read().resource(Consent.class).withId(consent).execute(), OperationTypeEnum.CREATE))
        .as("the opt-out itself goes, so the ministry withdraws what it holds").isTrue();
  }

  @Test
  void anOptedOutPatientsObservationNeverReachesTheMinistry() {
    await().atMost(Duration.ofSeconds(30)).until(() -> client().read().resource(Subscription.class)
        .withId("sihha-ministry-observation").execute().getStatus() == SubscriptionStatus.ACTIVE);
    String optedOut = createPatient("PublicHealthOptOut");
    Consent publicHealth = PrivacyConsents.optOut(optedOut);
    publicHealth.getProvision().addPurpose(new Coding(ConsentDirectives.ACT_REASON, ConsentDirectives.PUBLIC_HEALTH,
        "public health"));
    client().create().resource(publicHealth).execute();
    String heldBack = client().create().resource(observation(optedOut)).execute().getId().getIdPart();
    String shared = client().create().resource(observation(createPatient("Shared"))).execute().getId().getIdPart();

    String base = "/ingest/" + provider.id() + "/Observation/";
    await().atMost(Duration.ofSeconds(30))
        .until(() -> MINISTRY.deliveries().stream().anyMatch(d -> d.path().equals(base + shared)));
    assertThat(MINISTRY.deliveries()).noneMatch(d -> d.path().equals(base + heldBack));
  }

  private boolean deliverable(IBaseResource payload, OperationTypeEnum operation) {
    CanonicalSubscription subscription = new CanonicalSubscription();
    subscription.setEndpointUrl(provider.deliveryEndpoint());
    ResourceDeliveryMessage message = new ResourceDeliveryMessage();
    message.setSubscription(subscription);
    message.setPayload(fhirContext, payload, EncodingEnum.JSON);
    message.setOperationType(operation);
    return jpaInterceptors.callHooks(Pointcut.SUBSCRIPTION_BEFORE_DELIVERY,
        new HookParams().add(CanonicalSubscription.class, subscription).add(ResourceDeliveryMessage.class, message));
  }

  private static Observation observation(String patient) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
    observation.getCode().setText("heart rate");
    observation.setSubject(new Reference("Patient/" + patient));
    return observation;
  }
}
