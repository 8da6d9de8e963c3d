package health.sihha.hie.ministry.linking;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Changes to who is linked to whom, keeping the link store and the person records' {@code seealso} links in step:
 * the table is the truth, the person record is rewritten from it after every change.
 */
@Component
class PersonLinks {

  private final LinkStore store;
  private final PersonRecords persons;

  PersonLinks(LinkStore store, PersonRecords persons) {
    this.store = store;
    this.persons = persons;
  }

  /** A new person for {@code record} alone. */
  String newPerson(Patient record, String providerId, MatchKind kind, @Nullable Double score) {
    String personId = persons.create(record);
    Instant now = Instant.now();
    store.put(new PatientLink(record.getIdPart(), personId, providerId, kind, score, LinkStatus.LINKED, now, now));
    return personId;
  }

  /**
   * Links {@code recordId} to {@code personId}; a person it was linked to before keeps its other records, or,
   * left with none, becomes inactive and {@code replaced-by} the new one. With {@code rejectPrevious} the previous
   * pair is kept as rejected, so that it is not proposed again.
   */
  void link(String recordId, String providerId, String personId, MatchKind kind, @Nullable Double score,
      boolean rejectPrevious) {
    Instant now = Instant.now();
    Optional<PatientLink> previous = store.linkOf(recordId).filter(l -> !l.personId().equals(personId));
    previous.ifPresent(old -> {
      if (rejectPrevious) {
        store.put(old.with(LinkStatus.REJECTED, old.kind(), now));
      } else {
        store.delete(recordId, old.personId());
      }
    });
    PatientLink pair = store.pair(recordId, personId)
        .map(existing -> new PatientLink(recordId, personId, providerId, kind, score != null ? score : existing.score(),
            LinkStatus.LINKED, existing.created(), now))
        .orElse(new PatientLink(recordId, personId, providerId, kind, score, LinkStatus.LINKED, now, now));
    store.put(pair);
    refresh(personId, Optional.empty());
    previous.ifPresent(old -> refresh(old.personId(), Optional.of(personId)));
  }

  /** Records a pair for review, unless the pair was already decided. */
  void propose(String recordId, String providerId, String personId, double score) {
    if (store.pair(recordId, personId).isPresent()) {
      return;
    }
    Instant now = Instant.now();
    store.put(new PatientLink(recordId, personId, providerId, MatchKind.PROBABILISTIC, score,
        LinkStatus.POSSIBLE_MATCH, now, now));
  }

  /** Rewrites the person's links from the store; {@code survivor} is named when it lost its last record to it. */
  void refresh(String personId, Optional<String> survivor) {
    List<String> records = store.linkedTo(personId).stream().map(PatientLink::recordId).toList();
    persons.relink(personId, records, records.isEmpty() ? survivor : Optional.empty());
  }
}
