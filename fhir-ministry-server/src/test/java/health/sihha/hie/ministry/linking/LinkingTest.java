package health.sihha.hie.ministry.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.ministry.MinistryServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Patient.LinkType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Linking through real ingestion: provider records delivered as notification bundles, one event each, persons and
 * operations read back from the national store. Every test invents its own people (random family names and birth
 * years), so the tests sharing the one application do not match each other's records.
 */
class LinkingTest extends MinistryServerTest {

  @Test
  void theSamePersonAtTwoProvidersIsOnePersonAndEverythingJoinsBoth() {
    String nationalId = newId();
    String family = family();
    String a = delivered("provider-a", patient("Layla", family, "1984-03-12", AdministrativeGender.FEMALE, nationalId));
    String b = delivered("provider-b", patient("Leila", family + "-Nasser", "1984-03-12", AdministrativeGender.FEMALE,
        nationalId));
    String encounterA = delivered("provider-a", encounter(a, "AMB"));
    String encounterB = delivered("provider-b", encounter(b, "EMER"));
    String observationA = delivered("provider-a", observation(a, "8302-2", 172));
    String observationB = delivered("provider-b", observation(b, "29463-7", 64));

    String person = personOf("provider-a." + a).orElseThrow();
    assertThat(personOf("provider-b." + b)).contains(person);
    Patient personRecord = read(person);
    assertThat(personRecord.getMeta().getTag(PersonRecords.KIND_SYSTEM, PersonRecords.PERSON)).isNotNull();
    assertThat(personRecord.getLink()).extracting(l -> l.getType(), l -> l.getOther().getReference())
        .containsExactlyInAnyOrder(
            tuple(LinkType.SEEALSO, "Patient/provider-a." + a), tuple(LinkType.SEEALSO, "Patient/provider-b." + b));
    assertThat(personRecord.getIdentifierFirstRep().getValue()).isEqualTo(nationalId);

    List<Resource> everything = everything(person, false);
    assertThat(everything).extracting(r -> r.getIdElement().toUnqualifiedVersionless().getValue())
        .contains("Patient/" + person, "Patient/provider-a." + a, "Patient/provider-b." + b,
            "Encounter/provider-a." + encounterA, "Encounter/provider-b." + encounterB,
            "Observation/provider-a." + observationA, "Observation/provider-b." + observationB);
    Encounter fromB = find(everything, Encounter.class, "provider-b." + encounterB);
    assertThat(fromB.getClass_().getCode()).isEqualTo("EMER");
    assertThat(fromB.getSubject().getReference()).isEqualTo("Patient/provider-b." + b);
    Observation fromA = find(everything, Observation.class, "provider-a." + observationA);
    assertThat(fromA.getCode().getCodingFirstRep().getCode()).isEqualTo("8302-2");
    assertThat(fromA.getValueQuantity().getValue().intValue()).isEqualTo(172);
    assertThat(find(everything, Observation.class, "provider-b." + observationB).getValueQuantity().getValue()
        .intValue()).isEqualTo(64);

    assertThat(everything("provider-a." + a, false)).extracting(r -> r.getIdElement().toUnqualifiedVersionless()
        .getValue()).contains("Encounter/provider-a." + encounterA).doesNotContain("Encounter/provider-b." + encounterB);
    assertThat(everything("provider-a." + a, true)).extracting(r -> r.getIdElement().toUnqualifiedVersionless()
        .getValue()).contains("Patient/" + person, "Encounter/provider-a." + encounterA,
            "Encounter/provider-b." + encounterB);
  }

  @Test
  void theSameDemographicsWithoutIdentifierLinkDeterministically() {
    String family = family();
    String birth = birthDate();
    String a = delivered("provider-a", patient("Omar", family, birth, AdministrativeGender.MALE, null));
    String b = delivered("provider-b", patient("Omar", family, birth, AdministrativeGender.MALE, null));

    assertThat(personOf("provider-b." + b)).isPresent().isEqualTo(personOf("provider-a." + a));
  }

  @Test
  void aNearDuplicateIsProposedAndLinkedWhenAccepted() {
    String family = family();
    String birth = birthDate();
    String a = delivered("provider-a", withAddress(patient("John", family, birth, AdministrativeGender.MALE, null),
        "12 Rainbow Street"));
    String b = delivered("provider-b", withAddress(patient("Jon", family, birth, AdministrativeGender.MALE, null),
        "3 King Hussein Street"));
    String personA = personOf("provider-a." + a).orElseThrow();
    String personB = personOf("provider-b." + b).orElseThrow();
    assertThat(personB).isNotEqualTo(personA);

    ParametersParameterComponent candidate = candidate("provider-b." + b).orElseThrow();
    assertThat(part(candidate, "person")).isEqualTo("Patient/" + personA);
    assertThat(part(candidate, "status")).isEqualTo("possible-match");

    decide("provider-b." + b, personA, "accept");

    assertThat(personOf("provider-b." + b)).contains(personA);
    assertThat(candidate("provider-b." + b)).isEmpty();
    Patient former = read(personB);
    assertThat(former.getActive()).isFalse();
    assertThat(former.getLink()).singleElement().satisfies(l -> {
      assertThat(l.getType()).isEqualTo(LinkType.REPLACEDBY);
      assertThat(l.getOther().getReference()).isEqualTo("Patient/" + personA);
    });
  }

  /**
   * Names are sealed at the ministry: a person born in another year than the record (a mistyped year) is found by
   * the blind index of its family name alone, and proposed or linked.
   */
  @Test
  void aMistypedBirthYearIsFoundByTheBlindIndexOfTheSealedFamilyName() {
    String family = family();
    String a = delivered("provider-a", withAddress(patient("Samira", family, "1961-07-04", AdministrativeGender.FEMALE,
        null), "12 Rainbow Street"));
    String b = delivered("provider-b", withAddress(patient("Samira", family, "1962-07-04", AdministrativeGender.FEMALE,
        null), "12 Rainbow Street"));
    String personA = personOf("provider-a." + a).orElseThrow();

    Optional<String> personB = personOf("provider-b." + b);
    Optional<String> proposed = candidate("provider-b." + b).map(c -> part(c, "person"));
    assertThat(personB.filter(personA::equals).isPresent() || proposed.filter(("Patient/" + personA)::equals)
        .isPresent()).as("linked to, or proposed for, " + personA).isTrue();
  }

  @Test
  void aRejectedMatchIsNotProposedAgain() {
    String family = family();
    String birth = birthDate();
    String a = delivered("provider-a", withAddress(patient("Sara", family, birth, AdministrativeGender.FEMALE, null),
        "12 Rainbow Street"));
    Patient near = withAddress(patient("Sarah", family, birth, AdministrativeGender.FEMALE, null), "9 Mecca Street");
    String b = delivered("provider-b", near);
    String personA = personOf("provider-a." + a).orElseThrow();
    assertThat(candidate("provider-b." + b)).isPresent();

    decide("provider-b." + b, personA, "reject");
    assertThat(candidate("provider-b." + b)).isEmpty();

    near.getMeta().setVersionId("2");
    near.getTelecomFirstRep().setValue("+962 7 0000 0000");
    delivered("provider-b", near);
    assertThat(candidate("provider-b." + b)).isEmpty();
    assertThat(personOf("provider-b." + b)).isNotEqualTo(Optional.of(personA));
    assertThatThrownBy(() -> decide("provider-b." + b, personA, "accept"))
        .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("SIHHA-1133");
  }

  @Test
  void unlinkGivesTheRecordAPersonOfItsOwn() {
    String nationalId = newId();
    String family = family();
    String a = delivered("provider-a", patient("Rami", family, birthDate(), AdministrativeGender.MALE, nationalId));
    String b = delivered("provider-b", patient("Rami", family, birthDate(), AdministrativeGender.MALE, nationalId));
    String person = personOf("provider-a." + a).orElseThrow();
    assertThat(personOf("provider-b." + b)).contains(person);

    Parameters result = nationalStore().operation().onInstance("Patient/provider-b." + b).named("$unlink")
        .withNoParameters(Parameters.class).execute();

    String own = personOf("provider-b." + b).orElseThrow();
    assertThat(own).isNotEqualTo(person);
    assertThat(((Reference) result.getParameter("person").getValue()).getReference()).isEqualTo("Patient/" + own);
    assertThat(read(person).getLink()).extracting(l -> l.getOther().getReference())
        .containsExactly("Patient/provider-a." + a);
    assertThatThrownBy(() -> nationalStore().operation().onInstance("Patient/provider-b." + b).named("$unlink")
        .withNoParameters(Parameters.class).execute())
        .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("SIHHA-1136");
  }

  @Test
  void aProviderMergeIsCarriedToThePersons() {
    String family = family();
    String survivor = delivered("provider-a", patient("Huda", family, "1971-05-02", AdministrativeGender.FEMALE,
        null));
    Patient duplicate = patient("Hoda", family(), "1971-02-05", AdministrativeGender.FEMALE, null);
    String replaced = delivered("provider-a", duplicate);
    String survivorPerson = personOf("provider-a." + survivor).orElseThrow();
    String replacedPerson = personOf("provider-a." + replaced).orElseThrow();
    assertThat(replacedPerson).isNotEqualTo(survivorPerson);

    duplicate.getMeta().setVersionId("2");
    duplicate.setActive(false);
    duplicate.addLink().setType(LinkType.REPLACEDBY).setOther(new Reference("Patient/" + survivor));
    delivered("provider-a", duplicate);

    assertThat(personOf("provider-a." + replaced)).contains(survivorPerson);
    assertThat(read(survivorPerson).getLink()).extracting(l -> l.getOther().getReference())
        .containsExactlyInAnyOrder("Patient/provider-a." + survivor, "Patient/provider-a." + replaced);
    Patient retired = read(replacedPerson);
    assertThat(retired.getActive()).isFalse();
    assertThat(retired.getLinkFirstRep().getType()).isEqualTo(LinkType.REPLACEDBY);
    assertThat(retired.getLinkFirstRep().getOther().getReference()).isEqualTo("Patient/" + survivorPerson);
  }

  @Test
  void conflictingNationalIdentifiersAreNeverLinkedNorProposed() {
    String family = family();
    String birth = birthDate();
    String a = delivered("provider-a", patient("Nour", family, birth, AdministrativeGender.FEMALE, newId()));
    String b = delivered("provider-b", patient("Nour", family, birth, AdministrativeGender.FEMALE, newId()));

    assertThat(personOf("provider-b." + b)).isNotEqualTo(personOf("provider-a." + a));
    assertThat(candidate("provider-b." + b)).isEmpty();
  }

  @Test
  void aDeletedRecordLeavesItsPerson() {
    String nationalId = newId();
    String family = family();
    String a = delivered("provider-a", patient("Tariq", family, birthDate(), AdministrativeGender.MALE, nationalId));
    String b = delivered("provider-b", patient("Tariq", family, birthDate(), AdministrativeGender.MALE, nationalId));
    String person = personOf("provider-a." + a).orElseThrow();

    deliverDeletion("provider-b", "Patient", b, 2);

    assertThat(read(person).getLink()).extracting(l -> l.getOther().getReference())
        .containsExactly("Patient/provider-a." + a);
  }

  @Test
  void badDecisionsAreRefusedWithTheirCodes() {
    Parameters missing = new Parameters();
    missing.addParameter().setName("person").setValue(new Reference("Patient/person-x"));
    assertThatThrownBy(() -> nationalStore().operation().onType(Patient.class).named("$link-decision")
        .withParameters(missing).execute())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1130");
    assertThatThrownBy(() -> decide("provider-a.x", "provider-b.y", "accept"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1132");
    assertThatThrownBy(() -> decide("provider-a.x", "person-y", "maybe"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1131");
  }

  private String delivered(String provider, Resource resource) {
    Bundle applied = deliver(provider, resource);
    assertThat(applied.getEntryFirstRep().getResponse().getStatus()).as("applied").startsWith("200");
    return resource.getIdElement().getIdPart();
  }

  private Optional<String> personOf(String recordId) {
    Bundle persons = nationalStore().search().forResource(Patient.class)
        .withTag(PersonRecords.KIND_SYSTEM, PersonRecords.PERSON)
        .where(Patient.LINK.hasId("Patient/" + recordId))
        .where(Patient.ACTIVE.exactly().code("true"))
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    assertThat(persons.getEntry()).hasSizeLessThanOrEqualTo(1);
    return persons.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).findFirst();
  }

  private Patient read(String id) {
    return nationalStore().read().resource(Patient.class).withId(id).execute();
  }

  private Optional<ParametersParameterComponent> candidate(String recordId) {
    Parameters candidates = nationalStore().operation().onType(Patient.class).named("$match-candidates")
        .withNoParameters(Parameters.class).useHttpGet().execute();
    return candidates.getParameter().stream()
        .filter(p -> ("Patient/" + recordId).equals(part(p, "record"))).findFirst();
  }

  private static String part(ParametersParameterComponent parameter, String name) {
    return parameter.getPart().stream().filter(p -> name.equals(p.getName())).findFirst()
        .map(p -> p.getValue() instanceof Reference r ? r.getReference() : p.getValue().primitiveValue())
        .orElse(null);
  }

  private void decide(String recordId, String personId, String decision) {
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("record").setValue(new Reference("Patient/" + recordId));
    parameters.addParameter().setName("person").setValue(new Reference("Patient/" + personId));
    parameters.addParameter().setName("decision").setValue(new CodeType(decision));
    nationalStore().operation().onType(Patient.class).named("$link-decision").withParameters(parameters).execute();
  }

  private List<Resource> everything(String patientId, boolean followLinks) {
    Bundle page = nationalStore().operation().onInstance("Patient/" + patientId).named("$everything")
        .withParameter(Parameters.class, "_mdm", new BooleanType(followLinks)).useHttpGet()
        .returnResourceType(Bundle.class).execute();
    List<Resource> all = new ArrayList<>();
    while (true) {
      page.getEntry().stream().map(BundleEntryComponent::getResource).forEach(all::add);
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return all;
      }
      page = nationalStore().loadPage().next(page).execute();
    }
  }

  private static <T extends IBaseResource> T find(List<Resource> resources, Class<T> type, String id) {
    return resources.stream().filter(type::isInstance).map(type::cast)
        .filter(r -> r.getIdElement().getIdPart().equals(id)).findFirst().orElseThrow();
  }

  private static Patient patient(String given, String family, String birthDate, AdministrativeGender sex,
      String nationalId) {
    Patient patient = new Patient();
    patient.setId("Patient/" + newId());
    patient.getMeta().setVersionId("1");
    patient.addName().setFamily(family).addGiven(given);
    patient.setBirthDateElement(new DateType(birthDate));
    patient.setGender(sex);
    if (nationalId != null) {
      patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(nationalId);
    }
    return patient;
  }

  private static Patient withAddress(Patient patient, String line) {
    patient.addAddress().addLine(line).setCity("Amman").setPostalCode("11118");
    return patient;
  }

  private static Encounter encounter(String patientId, String encounterClass) {
    Encounter encounter = new Encounter();
    encounter.setId("Encounter/" + newId());
    encounter.getMeta().setVersionId("1");
    encounter.setStatus(Encounter.EncounterStatus.FINISHED);
    encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", encounterClass, null));
    encounter.setSubject(new Reference("Patient/" + patientId));
    return encounter;
  }

  private static Observation observation(String patientId, String loinc, int value) {
    Observation observation = new Observation();
    observation.setId("Observation/" + newId());
    observation.getMeta().setVersionId("1");
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode(loinc);
    observation.setSubject(new Reference("Patient/" + patientId));
    observation.setValue(new Quantity(value));
    return observation;
  }

  /** A family name no other test uses, sounding unlike any other (Soundex of random letters). */
  private static String family() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder name = new StringBuilder("Q");
    for (int i = 0; i < 9; i++) {
      name.append((char) ('a' + random.nextInt(26)));
    }
    return name.toString();
  }

  private static String birthDate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format("%04d-%02d-%02d", 1900 + random.nextInt(120), 1 + random.nextInt(12), 1 + random.nextInt(28));
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
