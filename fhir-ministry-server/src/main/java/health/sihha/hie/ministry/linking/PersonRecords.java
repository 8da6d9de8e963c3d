package health.sihha.hie.ministry.linking;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.ig.NationalIdentifiers;
import health.sihha.hie.ministry.cpabe.seal.FamilyIndex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Patient.LinkType;
import org.hl7.fhir.r4.model.Reference;

/**
 * The person records (golden records): national Patients {@code Patient/person-<uuid>}, tagged
 * {@value #KIND_SYSTEM}|{@value #PERSON}, with the demographics of the first record linked to them and a {@code link}
 * of type {@code seealso} to every provider record linked. Written by the server itself; the provider records are
 * never rewritten.
 */
final class PersonRecords {

  static final String KIND_SYSTEM = "https://sihha.health/fhir/CodeSystem/record-kind";
  static final String PERSON = "person";
  static final String ID_PREFIX = "person-";

  /** Blocking returns at most this many persons per key: a key that common is no key. */
  private static final int BLOCK_LIMIT = 100;

  private final IFhirResourceDao<Patient> patients;
  private final FamilyIndex familyIndex;

  PersonRecords(IFhirResourceDao<Patient> patients, FamilyIndex familyIndex) {
    this.patients = patients;
    this.familyIndex = familyIndex;
  }

  static boolean isPerson(String patientId) {
    return patientId.startsWith(ID_PREFIX);
  }

  /** A new person with the demographics of {@code record}; returns its id. */
  String create(Patient record) {
    Patient person = new Patient();
    String id = ID_PREFIX + UUID.randomUUID();
    person.setId(new IdType("Patient", id));
    person.getMeta().addTag(KIND_SYSTEM, PERSON, "Person (golden record)");
    person.setActive(true);
    person.setName(record.getName().stream().map(n -> n.copy()).toList());
    person.setGender(record.getGender());
    person.setBirthDateElement(record.getBirthDateElement().copy());
    person.setAddress(record.getAddress().stream().map(a -> a.copy()).toList());
    NationalIdentifiers.of(record).ifPresent(nationalId -> person.addIdentifier(nationalId.copy()));
    person.addLink().setType(LinkType.SEEALSO).setOther(new Reference("Patient/" + record.getIdPart()));
    patients.update(person, new SystemRequestDetails());
    return id;
  }

  Optional<Patient> read(String patientId) {
    try {
      return Optional.of(patients.read(new IdType("Patient", patientId), new SystemRequestDetails()));
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return Optional.empty();
    }
  }

  /**
   * Gives the person exactly the {@code seealso} links of {@code recordIds}; with none left it becomes inactive, and
   * {@code replacedBy}, when given, names the person its records went to. A person with no record left keeps no
   * demographics, in its history neither: they were copied from a record that was unlinked, merged away or withdrawn
   * by its patient's opt-out.
   */
  void relink(String personId, List<String> recordIds, Optional<String> replacedBy) {
    Patient person = read(personId).orElseThrow(() -> new IllegalStateException("no person record " + personId));
    List<String> current = person.getLink().stream().filter(l -> l.getType() == LinkType.SEEALSO)
        .map(l -> l.getOther().getReferenceElement().getIdPart()).toList();
    boolean active = !recordIds.isEmpty();
    boolean replaced = replacedBy.isPresent();
    if (current.equals(recordIds) && person.getActive() == active && !replaced) {
      return;
    }
    person.getLink().clear();
    recordIds.forEach(id -> person.addLink().setType(LinkType.SEEALSO).setOther(new Reference("Patient/" + id)));
    replacedBy.ifPresent(survivor -> person.addLink().setType(LinkType.REPLACEDBY)
        .setOther(new Reference("Patient/" + survivor)));
    person.setActive(active);
    SystemRequestDetails system = new SystemRequestDetails();
    if (!active) {
      person.setName(null);
      person.setGender(null);
      person.setBirthDateElement(null);
      person.setAddress(null);
      person.setIdentifier(null);
      person.setTelecom(null);
    }
    IIdType stored = patients.update(person, system).getId();
    if (!active) {
      patients.forceExpungeInExistingTransaction(stored.toUnqualifiedVersionless(),
          new ExpungeOptions().setExpungeOldVersions(true), system);
    }
  }

  /**
   * Blocking: the active persons born in the same year whose family name sounds the same (Soundex) or who have the
   * same birth date, and those with the same family name (a mistyped year), found by the blind index of family names
   * that a sealed person keeps in clear ({@link FamilyIndex}).
   */
  List<Patient> candidates(Demographics record) {
    Map<String, Patient> found = new LinkedHashMap<>();
    if (record.birthDate() != null) {
      int year = record.birthDate().getYear();
      SearchParameterMap sameYear = persons();
      sameYear.add(Patient.SP_BIRTHDATE, new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, year + "-01-01"));
      sameYear.add(Patient.SP_BIRTHDATE, new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, year + "-12-31"));
      String soundex = Soundex.of(record.family());
      for (Patient person : search(sameYear)) {
        Demographics candidate = Demographics.of(person);
        if (record.birthDate().equals(candidate.birthDate())
            || !soundex.isEmpty() && soundex.equals(Soundex.of(candidate.family()))) {
          found.put(person.getIdPart(), person);
        }
      }
    }
    if (!record.family().isEmpty()) {
      SearchParameterMap sameFamily = persons();
      sameFamily.add(Patient.SP_IDENTIFIER, new TokenParam(FamilyIndex.SYSTEM, familyIndex.digest(record.family())));
      for (Patient person : search(sameFamily)) {
        if (record.family().equals(Demographics.of(person).family())) {
          found.put(person.getIdPart(), person);
        }
      }
    }
    return List.copyOf(found.values());
  }

  private static SearchParameterMap persons() {
    SearchParameterMap map = SearchParameterMap.newSynchronous(Constants.PARAM_TAG, new TokenParam(KIND_SYSTEM, PERSON));
    map.add(Patient.SP_ACTIVE, new TokenParam("true"));
    map.setLoadSynchronousUpTo(BLOCK_LIMIT);
    return map;
  }

  private List<Patient> search(SearchParameterMap map) {
    return patients.searchForResources(map, new SystemRequestDetails()).stream().map(Patient.class::cast).toList();
  }
}
