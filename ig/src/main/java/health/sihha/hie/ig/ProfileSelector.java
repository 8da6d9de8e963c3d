package health.sihha.hie.ig;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Observation;

/**
 * Picks the IG profile a resource must conform to, from its content rather than from the profiles it declares: a
 * resource that declares none (as Synthea's) is held to the same rules as one that does.
 */
public final class ProfileSelector {

  static final String LOCATION_PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";
  static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
  static final String DIAGNOSTIC_SERVICE_SECTION = "http://terminology.hl7.org/CodeSystem/v2-0074";

  private static final Map<String, String> BY_TYPE = Map.of(
      "Patient", Profiles.PATIENT,
      "Practitioner", Profiles.PRACTITIONER,
      "PractitionerRole", Profiles.PRACTITIONER_ROLE,
      "MedicationRequest", Profiles.MEDICATION_REQUEST,
      "MedicationDispense", Profiles.MEDICATION_DISPENSE,
      "SupplyDelivery", Profiles.SUPPLY_DELIVERY);

  private static final Map<String, String> LOCATION_BY_PHYSICAL_TYPE = Map.of(
      "wa", Profiles.LOCATION_WARD, "ro", Profiles.LOCATION_ROOM, "bd", Profiles.LOCATION_BED);

  private static final Map<String, String> ENCOUNTER_BY_CLASS = Map.of(
      "IMP", Profiles.ENCOUNTER_HOSPITALIZATION, "AMB", Profiles.ENCOUNTER_VISIT, "EMER", Profiles.ENCOUNTER_VISIT);

  /** The profile's canonical URL, or empty when the resource is held only to the base specification. */
  public Optional<String> profileFor(IBaseResource resource) {
    if (resource instanceof Location location) {
      return codeIn(location.getPhysicalType().getCoding(), LOCATION_PHYSICAL_TYPE)
          .map(LOCATION_BY_PHYSICAL_TYPE::get);
    }
    if (resource instanceof Encounter encounter) {
      return codeIn(List.of(encounter.getClass_()), ACT_CODE).map(ENCOUNTER_BY_CLASS::get);
    }
    if (resource instanceof Observation observation) {
      return hasCode(observation.getCategory(), OBSERVATION_CATEGORY, "laboratory")
          ? Optional.of(Profiles.OBSERVATION_LAB) : Optional.empty();
    }
    if (resource instanceof DiagnosticReport report) {
      return hasCode(report.getCategory(), DIAGNOSTIC_SERVICE_SECTION, "LAB")
          ? Optional.of(Profiles.DIAGNOSTIC_REPORT_LAB) : Optional.empty();
    }
    if (resource instanceof Medication medication) {
      return medication.hasBatch() ? Optional.of(Profiles.MEDICATION) : Optional.empty();
    }
    return Optional.ofNullable(BY_TYPE.get(resource.fhirType()));
  }

  private static Optional<String> codeIn(List<Coding> codings, String system) {
    return codings.stream().filter(c -> system.equals(c.getSystem()) && c.hasCode()).map(Coding::getCode)
        .findFirst();
  }

  private static boolean hasCode(List<CodeableConcept> concepts, String system, String code) {
    return concepts.stream().flatMap(c -> c.getCoding().stream())
        .anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
  }
}
