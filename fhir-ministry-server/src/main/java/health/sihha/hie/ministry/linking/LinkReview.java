package health.sihha.hie.ministry.linking;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A registry steward's work: possible matches accepted or rejected, records unlinked. */
@Component
class LinkReview {

  /** A steward's verdict on a possible match. */
  enum Decision {
    ACCEPT,
    REJECT;

    static Decision of(String code) {
      for (Decision decision : values()) {
        if (decision.name().equalsIgnoreCase(code)) {
          return decision;
        }
      }
      throw new InvalidRequestException(Codes.of(1131) + "decision must be 'accept' or 'reject', not '" + code + "'");
    }
  }

  private final LinkStore store;
  private final PersonRecords persons;
  private final PersonLinks links;

  LinkReview(LinkStore store, PersonRecords persons, PersonLinks links) {
    this.store = store;
    this.persons = persons;
    this.links = links;
  }

  List<PatientLink> possibleMatches() {
    return store.possibleMatches();
  }

  /**
   * Accepting links the record to the person (its former person, left without records, becomes inactive);
   * rejecting keeps the pair as rejected, never proposed again.
   */
  @Transactional
  public PatientLink decide(String recordId, String personId, Decision decision) {
    store.lock();
    PatientLink pair = store.pair(recordId, personId)
        .filter(p -> p.status() == LinkStatus.POSSIBLE_MATCH)
        .orElseThrow(() -> new UnprocessableEntityException(Codes.of(1133) + "Patient/" + recordId + " and Patient/"
            + personId + " are no possible match waiting for review (see Patient/$match-candidates)"));
    if (decision == Decision.REJECT) {
      PatientLink rejected = pair.with(LinkStatus.REJECTED, MatchKind.MANUAL, Instant.now());
      store.put(rejected);
      return rejected;
    }
    links.link(recordId, pair.providerId(), personId, MatchKind.MANUAL, pair.score(), false);
    // the record's other proposals are settled by the decision
    store.pairsOf(recordId).stream().filter(p -> p.status() == LinkStatus.POSSIBLE_MATCH)
        .forEach(p -> store.put(p.with(LinkStatus.REJECTED, MatchKind.MANUAL, Instant.now())));
    return store.linkOf(recordId).orElseThrow();
  }

  /**
   * Takes the provider record off its person: it gets a person of its own and the former pair is kept as rejected,
   * so that it is not linked back automatically.
   */
  @Transactional
  public String unlink(String recordId) {
    if (PersonRecords.isPerson(recordId)) {
      throw new UnprocessableEntityException(Codes.of(1134) + "Patient/" + recordId
          + " is a person record: $unlink is invoked on the provider record to take off its person");
    }
    store.lock();
    PatientLink current = store.linkOf(recordId).orElseThrow(() -> new ResourceNotFoundException(Codes.of(1135)
        + "Patient/" + recordId + " is no linked provider record"));
    if (store.linkedTo(current.personId()).size() == 1) {
      throw new UnprocessableEntityException(Codes.of(1136) + "Patient/" + recordId
          + " is the only record of person " + current.personId() + ": there is nothing to unlink it from");
    }
    Patient record = persons.read(recordId).orElseThrow(() -> new ResourceNotFoundException(Codes.of(1135)
        + "Patient/" + recordId + " is not in the national store"));
    store.put(current.with(LinkStatus.REJECTED, MatchKind.MANUAL, Instant.now()));
    links.refresh(current.personId(), Optional.empty());
    return links.newPerson(record, current.providerId(), MatchKind.MANUAL, null);
  }
}
