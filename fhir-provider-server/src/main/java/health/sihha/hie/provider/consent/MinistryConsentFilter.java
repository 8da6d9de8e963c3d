package health.sihha.hie.provider.consent;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.consent.ConsentDirectives;
import health.sihha.hie.interceptors.consent.ConsentDirectives.Denial;
import health.sihha.hie.interceptors.consent.PatientCompartment;
import health.sihha.hie.interceptors.consent.PatientConsents;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a patient's data at the provider when the patient has opted out of sharing with the ministry
 * ({@link ConsentDirectives#optingOutOfMinistry}): a resource in that patient's compartment is withheld from the
 * ministry's notifications. Deletes still go, so that the ministry's copy of a deleted resource does not outlive it,
 * and so do the patient's privacy Consents themselves: the opt-out is how the ministry learns to withdraw what it
 * received before.
 *
 * <p>The Consents are read when the notification is made, so an opt-out recorded after a write but before its
 * delivery already holds it back; a notification's events read each patient's once ({@link #asOfNow()}: a batch of
 * a hundred events of one patient was a hundred searches of the same Consents, a third of the dispatcher's time).
 */
public final class MinistryConsentFilter {

  private static final Logger LOG = LoggerFactory.getLogger(MinistryConsentFilter.class);

  private final FhirContext fhirContext;
  private final PatientConsents consents;

  /**
   * @param fhirContext to read the resources' patient compartments
   * @param consents the patients' Consents in this provider's store
   */
  public MinistryConsentFilter(FhirContext fhirContext, PatientConsents consents) {
    this.fhirContext = requireNonNull(fhirContext);
    this.consents = requireNonNull(consents);
  }

  /** Whether the ministry may receive {@code resource}, a version being created or updated. */
  public boolean mayShare(IBaseResource resource) {
    return asOfNow().test(resource);
  }

  /**
   * {@link #mayShare} for the resources of one notification: the Consents as they stand now, each patient's read at
   * most once, when first needed.
   */
  public Predicate<IBaseResource> asOfNow() {
    Map<Set<String>, List<Consent>> read = new HashMap<>();
    Date now = new Date();
    return resource -> mayShare(resource, patients -> read.computeIfAbsent(patients, consents::active), now);
  }

  private boolean mayShare(IBaseResource resource, Function<Set<String>, List<Consent>> activeConsents, Date now) {
    if (ConsentDirectives.isPrivacyConsent(resource)) {
      return true;
    }
    Set<String> patients = PatientCompartment.patientsOf(fhirContext, resource);
    if (patients.isEmpty()) {
      return true;
    }
    List<Denial> optOuts = ConsentDirectives.optingOutOfMinistry(activeConsents.apply(patients), now);
    if (optOuts.isEmpty()) {
      return true;
    }
    LOG.info("{}/{} is withheld from the ministry: {}", resource.fhirType(), resource.getIdElement().getIdPart(),
        optOuts.stream().map(d -> d.consent() + " of Patient/" + d.patient() + " opts out").toList());
    return false;
  }
}
