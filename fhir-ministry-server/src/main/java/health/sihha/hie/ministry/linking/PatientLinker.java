package health.sihha.hie.ministry.linking;

import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.ministry.ingest.IngestionListener;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Patient.LinkType;
import org.hl7.fhir.r4.model.Patient.PatientLinkComponent;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links each ingested provider Patient to a person record, on plaintext, as it is applied:
 *
 * <ol>
 *   <li>its identifiers go into the blind index;
 *   <li>a {@code link} of type {@code replaced-by} is the provider's merge, carried to the persons ({@link Merges});
 *   <li>a record already linked stays where it is (a steward moves it);
 *   <li>the same national identifier as a linked record links it to that record's person (EID);
 *   <li>else the persons found by blocking are compared: same names, birth date and sex link (deterministic), a
 *       Fellegi–Sunter score from {@code auto-link} links (probabilistic); persons with another national identifier
 *       or a pair rejected before are never candidates;
 *   <li>else the record gets a person of its own, and the persons scoring from {@code possible-match} are proposed
 *       for review.
 * </ol>
 */
@Component
class PatientLinker implements IngestionListener {

  private static final Logger LOG = LoggerFactory.getLogger(PatientLinker.class);

  private final LinkStore store;
  private final PersonRecords persons;
  private final PersonLinks links;
  private final Merges merges;
  private final BlindIndex blindIndex;
  private final FellegiSunter scoring;
  private final LinkingProperties properties;

  PatientLinker(LinkStore store, PersonRecords persons, PersonLinks links, Merges merges, BlindIndex blindIndex,
      LinkingProperties properties) {
    this.store = store;
    this.persons = persons;
    this.links = links;
    this.merges = merges;
    this.blindIndex = blindIndex;
    this.scoring = new FellegiSunter(properties.weights());
    this.properties = properties;
  }

  // joins the apply transaction; on its own (no caller transaction) the linking commits by itself
  @Override
  @Transactional
  public void stored(RegisteredProvider provider, Resource national) {
    if (!(national instanceof Patient record) || PersonRecords.isPerson(record.getIdPart())) {
      return;
    }
    store.lock();
    String recordId = record.getIdPart();
    store.index(recordId, digests(record));
    Optional<String> survivor = replacedBy(record);
    if (survivor.isPresent()) {
      merges.merge(provider.id(), record, survivor.get());
      return;
    }
    if (store.linkOf(recordId).isPresent()) {
      return;
    }
    Demographics demographics = Demographics.of(record);
    Optional<String> sameId = byNationalId(recordId, demographics);
    if (sameId.isPresent()) {
      links.link(recordId, provider.id(), sameId.get(), MatchKind.EID, null, false);
      LOG.debug("Patient/{} linked to {} by national identifier", recordId, sameId.get());
      return;
    }
    List<Scored> candidates = persons.candidates(demographics).stream()
        .filter(person -> store.pair(recordId, person.getIdPart()).filter(p -> p.status() == LinkStatus.REJECTED)
            .isEmpty())
        .map(person -> Map.entry(person.getIdPart(), Demographics.of(person)))
        .filter(candidate -> !demographics.conflictsWith(candidate.getValue()))
        .map(candidate -> new Scored(candidate.getKey(), candidate.getValue(),
            scoring.score(demographics, candidate.getValue())))
        .sorted(Comparator.comparingDouble(Scored::score).reversed())
        .toList();
    Optional<Scored> deterministic = candidates.stream().filter(c -> sameCore(demographics, c.demographics()))
        .findFirst();
    if (deterministic.isPresent()) {
      links.link(recordId, provider.id(), deterministic.get().personId(), MatchKind.DETERMINISTIC,
          deterministic.get().score(), false);
      return;
    }
    if (!candidates.isEmpty() && candidates.get(0).score() >= properties.autoLink()) {
      links.link(recordId, provider.id(), candidates.get(0).personId(), MatchKind.PROBABILISTIC,
          candidates.get(0).score(), false);
      return;
    }
    String own = links.newPerson(record, provider.id(), MatchKind.MANUAL, null);
    candidates.stream().filter(c -> c.score() >= properties.possibleMatch())
        .forEach(c -> links.propose(recordId, provider.id(), c.personId(), c.score()));
    LOG.debug("Patient/{} is person {}", recordId, own);
  }

  @Override
  @Transactional
  public void removed(RegisteredProvider provider, IIdType nationalId) {
    if (!"Patient".equals(nationalId.getResourceType())) {
      return;
    }
    store.lock();
    String recordId = nationalId.getIdPart();
    Optional<PatientLink> linked = store.linkOf(recordId);
    store.forget(recordId);
    linked.ifPresent(link -> links.refresh(link.personId(), Optional.empty()));
  }

  private Set<String> digests(Patient record) {
    Set<String> digests = new LinkedHashSet<>();
    record.getIdentifier().stream().filter(id -> id.hasSystem() && id.hasValue())
        .forEach(id -> digests.add(blindIndex.digest(id.getSystem(), id.getValue())));
    return digests;
  }

  /** The person of another record with the same national identifier, looked up by its blind index. */
  private Optional<String> byNationalId(String recordId, Demographics record) {
    if (record.nationalId() == null) {
      return Optional.empty();
    }
    return store.recordsWith(blindIndex.digest(SihhaIg.NATIONAL_ID_SYSTEM, record.nationalId())).stream()
        .filter(other -> !other.equals(recordId))
        .map(store::linkOf).flatMap(Optional::stream)
        .map(PatientLink::personId)
        .findFirst();
  }

  private static Optional<String> replacedBy(Patient record) {
    return record.getLink().stream().filter(l -> l.getType() == LinkType.REPLACEDBY)
        .map(PatientLinkComponent::getOther).map(r -> r.getReferenceElement())
        .filter(ref -> "Patient".equals(ref.getResourceType()) && ref.hasIdPart())
        .map(IIdType::getIdPart)
        .findFirst();
  }

  /** The deterministic rule: given and family name, birth date and sex all known and equal. */
  private static boolean sameCore(Demographics a, Demographics b) {
    return !a.given().isEmpty() && a.given().equals(b.given()) && !a.family().isEmpty() && a.family().equals(b.family())
        && a.birthDate() != null && a.birthDate().equals(b.birthDate()) && !a.sex().isEmpty() && a.sex().equals(b.sex());
  }

  private record Scored(String personId, Demographics demographics, double score) {}
}
