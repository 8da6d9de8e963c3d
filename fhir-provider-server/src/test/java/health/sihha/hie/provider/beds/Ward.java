package health.sihha.hie.provider.beds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.sihha.hie.provider.ProviderServerTest;
import health.sihha.hie.provider.encounter.EncounterLifecycle;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationStatus;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/** A ward of its own per test (with its own managing organization), built and inspected over REST. */
final class Ward {

  static final String PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";
  static final String BED_STATUS = "http://terminology.hl7.org/CodeSystem/v2-0116";

  final IGenericClient client;
  final String organization;
  final String id;

  Ward(IGenericClient client, String name) {
    this.client = client;
    this.organization = create(new Organization().setName(name + " hospital " + UUID.randomUUID()));
    Location ward = location(name, "wa", null);
    ward.setManagingOrganization(new Reference("Organization/" + organization));
    this.id = create(ward);
  }

  String room(String name) {
    return create(location(name, "ro", id));
  }

  String bed(String name, String room, String status) {
    Location bed = location(name, "bd", room == null ? id : room);
    bed.setOperationalStatus(new Coding(BED_STATUS, status, null));
    return create(bed);
  }

  String patient() {
    return create(ProviderServerTest.newPatient("Inpatient"));
  }

  /** An in-progress hospitalization: the ward entry and the bed entry both active. */
  Encounter admission(String patient, String bed) {
    Encounter encounter = new Encounter();
    encounter.setStatus(EncounterStatus.INPROGRESS);
    encounter.setClass_(new Coding(EncounterLifecycle.ACT_CODE, "IMP", "inpatient encounter"));
    encounter.setSubject(new Reference("Patient/" + patient));
    encounter.addLocation().setLocation(new Reference("Location/" + id)).setStatus(EncounterLocationStatus.ACTIVE);
    encounter.addLocation().setLocation(new Reference("Location/" + bed)).setStatus(EncounterLocationStatus.ACTIVE);
    return encounter;
  }

  String admit(String patient, String bed) {
    return create(admission(patient, bed));
  }

  Encounter encounter(String encounterId) {
    return client.read().resource(Encounter.class).withId(encounterId).execute();
  }

  /** Moves the encounter: the active bed entry completed, a new active one for {@code bed}. */
  void transfer(String encounterId, String bed) {
    Encounter encounter = encounter(encounterId);
    encounter.getLocation().stream().filter(e -> !e.getLocation().getReference().endsWith("/" + id))
        .forEach(e -> e.setStatus(EncounterLocationStatus.COMPLETED));
    encounter.addLocation().setLocation(new Reference("Location/" + bed)).setStatus(EncounterLocationStatus.ACTIVE);
    client.update().resource(encounter).execute();
  }

  String status(String bed) {
    return client.read().resource(Location.class).withId(bed).execute().getOperationalStatus().getCode();
  }

  /** Active hospitalizations whose active location entry is {@code bed}, searched without HAPI's search cache. */
  List<String> hospitalizationsIn(String bed) {
    Bundle found = client.search().forResource(Encounter.class)
        .where(Encounter.LOCATION.hasId("Location/" + bed))
        .and(Encounter.STATUS.exactly().codes(EncounterLifecycle.activeStatusCodes()))
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
    return found.getEntry().stream().map(e -> (Encounter) e.getResource())
        .filter(e -> e.getLocation().stream().anyMatch(l -> l.getStatus() == EncounterLocationStatus.ACTIVE
            && l.getLocation().getReference().endsWith("/" + bed)))
        .map(e -> e.getIdElement().getIdPart()).toList();
  }

  Map<String, Integer> census() {
    Parameters census = client.operation().onInstance("Location/" + id).named("$census").withNoParameters(
        Parameters.class).useHttpGet().execute();
    return counts(census.getParameter());
  }

  Parameters facilityCensus() {
    return client.operation().onType(Location.class).named("$census")
        .withParameter(Parameters.class, "organization", new StringType(organization)).useHttpGet().execute();
  }

  static Map<String, Integer> counts(List<ParametersParameterComponent> parts) {
    return parts.stream().filter(p -> p.getValue() instanceof IntegerType)
        .collect(Collectors.toMap(ParametersParameterComponent::getName, p -> ((IntegerType) p.getValue()).getValue()));
  }

  static Map<String, Integer> census(int total, int occupied, int free, int housekeeping, int closed) {
    return Map.of("total", total, "occupied", occupied, "free", free, "housekeeping", housekeeping,
        "closed", closed, "isolated", 0, "contaminated", 0);
  }

  /** The call fails with {@code status} and an OperationOutcome whose message starts with {@code SIHHA-<code>}. */
  static void assertRefused(ThrowingCallable call, int status, int code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
      assertThat(e.getStatusCode()).as(e.getMessage()).isEqualTo(status);
      assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
      assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
          .startsWith("SIHHA-" + code + ": ");
    });
  }

  private String create(Resource resource) {
    return client.create().resource(resource).execute().getId().getIdPart();
  }

  private static Location location(String name, String physicalType, String partOf) {
    Location location = new Location().setName(name);
    location.setPhysicalType(new CodeableConcept(new Coding(PHYSICAL_TYPE, physicalType, null)));
    if (partOf != null) {
      location.setPartOf(new Reference("Location/" + partOf));
    }
    return location;
  }
}
