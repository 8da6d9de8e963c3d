package health.sihha.hie.ministry.linking;

import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * A provider's merge, carried to the persons: when a provider record comes with a {@code link} of type
 * {@code replaced-by} to another record of the same provider (the survivor), the replaced record joins the
 * survivor's person, and so do the other records of the replaced record's person; that person, left with none,
 * becomes inactive and {@code replaced-by} the survivor's person. A survivor not linked yet (not delivered yet)
 * joins the replaced record's person.
 */
@Component
class Merges {

  private final LinkStore store;
  private final PersonLinks links;

  Merges(LinkStore store, PersonLinks links) {
    this.store = store;
    this.links = links;
  }

  void merge(String providerId, Patient replaced, String survivorId) {
    String replacedId = replaced.getIdPart();
    Optional<PatientLink> survivorLink = store.linkOf(survivorId);
    Optional<PatientLink> replacedLink = store.linkOf(replacedId);
    if (survivorLink.isEmpty()) {
      String personId = replacedLink.map(PatientLink::personId)
          .orElseGet(() -> links.newPerson(replaced, providerId, MatchKind.MERGE, null));
      links.link(replacedId, providerId, personId, MatchKind.MERGE, null, false);
      links.link(survivorId, providerId, personId, MatchKind.MERGE, null, false);
      return;
    }
    String target = survivorLink.get().personId();
    if (replacedLink.isPresent() && !replacedLink.get().personId().equals(target)) {
      for (PatientLink other : store.linkedTo(replacedLink.get().personId())) {
        if (!other.recordId().equals(replacedId)) {
          links.link(other.recordId(), other.providerId(), target, other.kind(), other.score(), false);
        }
      }
    }
    links.link(replacedId, providerId, target, MatchKind.MERGE, null, false);
  }
}
