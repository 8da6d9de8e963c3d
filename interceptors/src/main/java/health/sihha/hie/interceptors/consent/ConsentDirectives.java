package health.sihha.hie.interceptors.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Period;

/**
 * What a patient's privacy Consents say about who may see the patient's data. A Consent counts when it has status
 * {@code active}, scope {@code patient-privacy}, a patient, and its provision's period (if any) covers now.
 *
 * <p>Only {@code deny} provisions are read, at any level of the provision tree: a Consent here only ever takes access
 * away, so a {@code permit} never widens what the tokens' scopes allow. A deny provision names who it denies by its
 * actors, each a logical reference to the facility ({@code actor.reference.identifier}, system
 * {@link #FACILITY_SYSTEM}, value the facility id such as {@code provider-b} or {@code ministry}); a deny provision
 * without such an actor denies nobody in particular and is not read for access. Its purpose and action are not
 * read either: a named party is denied whatever it asks for.
 *
 * <p>The ministry is opted out of, that is, no longer receives the patient's data, by a deny provision naming
 * {@code ministry} or one with purpose {@code v3-ActReason|PUBHLTH} (public health, what aggregation is for).
 */
public final class ConsentDirectives {

  public static final String FACILITY_SYSTEM = "https://sihha.health/fhir/sid/facility";
  public static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
  public static final String PATIENT_PRIVACY = "patient-privacy";
  public static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
  public static final String PUBLIC_HEALTH = "PUBHLTH";

  /** The ministry's facility id, as in the realm's {@code facility} attribute. */
  public static final String MINISTRY = "ministry";

  /**
   * One Consent taking access away.
   *
   * @param patient the patient's id, without {@code Patient/}
   * @param consent the Consent, as {@code Consent/<id>}
   */
  public record Denial(String patient, String consent) {}

  private ConsentDirectives() {}

  /** The Consents among {@code consents} that deny access to any of {@code parties} (facility or client ids). */
  public static List<Denial> denyingAccess(Collection<Consent> consents, Set<String> parties, Date now) {
    return denials(consents, now, provision -> names(provision, parties));
  }

  /** The Consents among {@code consents} that opt out of sharing with the ministry. */
  public static List<Denial> optingOutOfMinistry(Collection<Consent> consents, Date now) {
    return denials(consents, now, provision -> names(provision, Set.of(MINISTRY))
        || provision.getPurpose().stream().anyMatch(p -> ACT_REASON.equals(p.getSystem())
            && PUBLIC_HEALTH.equals(p.getCode())));
  }

  /** Whether {@code resource} is a Consent of scope {@code patient-privacy}, whatever its status. */
  public static boolean isPrivacyConsent(IBaseResource resource) {
    return resource instanceof Consent consent && consent.getScope().getCoding().stream()
        .anyMatch(c -> CONSENT_SCOPE.equals(c.getSystem()) && PATIENT_PRIVACY.equals(c.getCode()));
  }

  private static boolean names(ProvisionComponent provision, Set<String> parties) {
    return provision.getActor().stream().map(actor -> actor.getReference().getIdentifier())
        .anyMatch(id -> FACILITY_SYSTEM.equals(id.getSystem()) && parties.contains(id.getValue()));
  }

  private static List<Denial> denials(Collection<Consent> consents, Date now, Predicate<ProvisionComponent> denies) {
    List<Denial> denials = new ArrayList<>();
    for (Consent consent : consents) {
      if (counts(consent, now) && anyDeny(consent.getProvision(), now, denies)) {
        denials.add(new Denial(consent.getPatient().getReferenceElement().getIdPart(),
            "Consent/" + consent.getIdElement().getIdPart()));
      }
    }
    return denials;
  }

  private static boolean counts(Consent consent, Date now) {
    return consent.getStatus() == Consent.ConsentState.ACTIVE
        && isPrivacyConsent(consent)
        && consent.getPatient().getReferenceElement().hasIdPart()
        && consent.hasProvision();
  }

  private static boolean anyDeny(ProvisionComponent provision, Date now, Predicate<ProvisionComponent> denies) {
    if (!covers(provision.getPeriod(), now)) {
      return false;
    }
    if (provision.getType() == ConsentProvisionType.DENY && denies.test(provision)) {
      return true;
    }
    return provision.getProvision().stream().anyMatch(nested -> anyDeny(nested, now, denies));
  }

  private static boolean covers(Period period, Date now) {
    return (!period.hasStart() || !now.before(period.getStart())) && (!period.hasEnd() || !now.after(period.getEnd()));
  }
}
