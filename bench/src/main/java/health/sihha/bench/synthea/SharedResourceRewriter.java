package health.sihha.bench.synthea;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryRequestComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns the plain creates of the Organizations and Practitioners that many Synthea bundles share into conditional
 * creates.
 *
 * <p>Synthea 2.x embeds every Organization and Practitioner a patient's records reference, as a plain
 * {@code POST}, in that patient's bundle (and again in {@code hospitalInformation*.json} and
 * {@code practitionerInformation*.json}). Posted as they are, each patient adds another copy. With
 * {@code ifNoneExist=identifier=<system>|<value>} the server creates each one once and points later bundles'
 * references at the existing resource. Entries that already are conditional, as in Synthea 3.x, are left alone.
 */
public final class SharedResourceRewriter {

  private SharedResourceRewriter() {}

  /** Rewrites the bundle in place and says how many entries became conditional creates. */
  public static int makeSharedResourcesConditional(Bundle bundle) {
    int rewritten = 0;
    for (BundleEntryComponent entry : bundle.getEntry()) {
      BundleEntryRequestComponent request = entry.getRequest();
      if (request.getMethod() != HTTPVerb.POST || request.hasIfNoneExist()) {
        continue;
      }
      Optional<Identifier> identifier = sharedIdentifier(entry.getResource());
      if (identifier.isPresent()) {
        request.setIfNoneExist(criteria(identifier.get()));
        rewritten++;
      }
    }
    return rewritten;
  }

  static String criteria(Identifier identifier) {
    return "identifier=" + identifier.getSystem() + "|" + identifier.getValue();
  }

  /** The first full identifier of an Organization or Practitioner; empty for other resources. */
  private static Optional<Identifier> sharedIdentifier(Resource resource) {
    List<Identifier> identifiers;
    if (resource instanceof Organization organization) {
      identifiers = organization.getIdentifier();
    } else if (resource instanceof Practitioner practitioner) {
      identifiers = practitioner.getIdentifier();
    } else {
      return Optional.empty();
    }
    return identifiers.stream().filter(id -> id.hasSystem() && id.hasValue()).findFirst();
  }
}
