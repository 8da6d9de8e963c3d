package health.sihha.hie.provider.consent;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.server.messaging.BaseResourceMessage.OperationTypeEnum;
import health.sihha.hie.interceptors.consent.ConsentDirectives;
import health.sihha.hie.interceptors.consent.ConsentDirectives.Denial;
import health.sihha.hie.interceptors.consent.PatientCompartment;
import health.sihha.hie.interceptors.consent.PatientConsents;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a patient's data at the provider when the patient has opted out of sharing with the ministry
 * ({@link ConsentDirectives#optingOutOfMinistry}): a delivery to the ministry's endpoint of a resource in that
 * patient's compartment is dropped, whatever channel carries it. Deletes still go, so that the ministry's copy of a
 * deleted resource does not outlive it, and so do the patient's privacy Consents themselves: the opt-out is how the
 * ministry learns to withdraw what it received before.
 *
 * <p>The Consents are read when the delivery is made, so an opt-out recorded after a write but before its delivery
 * already holds it back.
 */
@Interceptor
public final class MinistryConsentFilter {

  private static final Logger LOG = LoggerFactory.getLogger(MinistryConsentFilter.class);

  private final FhirContext fhirContext;
  private final PatientConsents consents;
  private final String ministryEndpoint;

  /**
   * @param fhirContext to read the deliveries' payloads
   * @param consents the patients' Consents in this provider's store
   * @param ministryEndpoint where this provider's deliveries to the ministry go
   */
  public MinistryConsentFilter(FhirContext fhirContext, PatientConsents consents, String ministryEndpoint) {
    this.fhirContext = requireNonNull(fhirContext);
    this.consents = requireNonNull(consents);
    this.ministryEndpoint = requireNonNull(ministryEndpoint);
  }

  /** Whether {@code message} may be delivered on {@code subscription}. */
  @Hook(Pointcut.SUBSCRIPTION_BEFORE_DELIVERY)
  public boolean mayDeliver(CanonicalSubscription subscription, ResourceDeliveryMessage message) {
    if (!ministryEndpoint.equals(subscription.getEndpointUrl()) || message.getOperationType() == OperationTypeEnum.DELETE) {
      return true;
    }
    IBaseResource payload = message.getPayload(fhirContext);
    if (payload == null || ConsentDirectives.isPrivacyConsent(payload)) {
      return true;
    }
    Set<String> patients = PatientCompartment.patientsOf(fhirContext, payload);
    if (patients.isEmpty()) {
      return true;
    }
    List<Denial> optOuts = ConsentDirectives.optingOutOfMinistry(consents.active(patients), new Date());
    if (optOuts.isEmpty()) {
      return true;
    }
    String what = payload.getIdElement().hasIdPart()
        ? payload.fhirType() + "/" + payload.getIdElement().getIdPart() : payload.fhirType();
    LOG.info("{} is not delivered to the ministry: {}", what,
        optOuts.stream().map(d -> d.consent() + " of Patient/" + d.patient() + " opts out").toList());
    return false;
  }
}
