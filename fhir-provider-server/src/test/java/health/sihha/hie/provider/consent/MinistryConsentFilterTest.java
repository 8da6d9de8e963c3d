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
import java.time.Duration;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Identifier;
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
  void theDeliveryHooksDropAnOptedOutPatientsDataButNotOthersNorDeletes() {
    String optedOut = createPatient("OptedOut");
    String other = createPatient("NotOptedOut");
    client().create().resource(optOut(optedOut, ministryActor())).execute();

    assertThat(deliverable(observation(optedOut), OperationTypeEnum.CREATE)).isFalse();
    assertThat(deliverable(client().read().resource("Patient").withId(optedOut).execute(), OperationTypeEnum.UPDATE))
        .isFalse();
    assertThat(deliverable(observation(optedOut), OperationTypeEnum.DELETE)).isTrue();
    assertThat(deliverable(observation(other), OperationTypeEnum.CREATE)).isTrue();
  }

  @Test
  void anOptedOutPatientsObservationNeverReachesTheMinistry() {
    await().atMost(Duration.ofSeconds(30)).until(() -> client().read().resource(Subscription.class)
        .withId("sihha-ministry-observation").execute().getStatus() == SubscriptionStatus.ACTIVE);
    String optedOut = createPatient("PublicHealthOptOut");
    Consent publicHealth = optOut(optedOut, null);
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

  private static Consent.provisionActorComponent ministryActor() {
    return new Consent.provisionActorComponent()
        .setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP",
            "information recipient")))
        .setReference(new Reference().setType("Organization").setIdentifier(
            new Identifier().setSystem(ConsentDirectives.FACILITY_SYSTEM).setValue(ConsentDirectives.MINISTRY)));
  }

  /** The patient's privacy Consent denying, with {@code actor} when not null. */
  static Consent optOut(String patient, Consent.provisionActorComponent actor) {
    Consent consent = new Consent();
    consent.setStatus(Consent.ConsentState.ACTIVE);
    consent.setScope(new CodeableConcept(new Coding(ConsentDirectives.CONSENT_SCOPE, ConsentDirectives.PATIENT_PRIVACY,
        null)));
    consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
    consent.setPatient(new Reference("Patient/" + patient));
    consent.setPolicyRule(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTOUT",
        "opt-out")));
    consent.getProvision().setType(ConsentProvisionType.DENY);
    if (actor != null) {
      consent.getProvision().addActor(actor);
    }
    return consent;
  }
}
