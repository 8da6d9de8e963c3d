package health.sihha.hie.interceptors.security;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.sihha.hie.interceptors.Codes;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Observation;

/**
 * What the clinical roles add on top of the scopes: they only ever take permissions away. A holder of realm role
 * {@code system} (a service account) is not restricted by them; its scopes still apply.
 *
 * <ul>
 *   <li>only a {@code pharmacist} records (creates or updates) a MedicationDispense;
 *   <li>only a {@code lab-technician} or a {@code physician} writes an Observation or DiagnosticReport whose status
 *       is {@code final}, {@code amended} or {@code corrected}: every status of a released result;
 *   <li>a {@code nurse} (who is not also a physician) does not discharge: does not write an inpatient ({@code IMP})
 *       Encounter with status {@code finished};
 *   <li>only a {@code facility-admin} creates, updates or deletes Practitioner, PractitionerRole and Location.
 * </ul>
 *
 * <p>The checks see the resource as it is about to be stored (after a patch is applied, for each transaction
 * entry), so no write path escapes them.
 */
public final class ClinicalRolePolicy {

  public static final String PHARMACIST = "pharmacist";
  public static final String LAB_TECHNICIAN = "lab-technician";
  public static final String PHYSICIAN = "physician";
  public static final String NURSE = "nurse";
  public static final String FACILITY_ADMIN = "facility-admin";

  private static final Set<String> PERSONNEL = Set.of("Practitioner", "PractitionerRole", "Location");

  /**
   * Refuses to store {@code resource} (created or updated) under {@code grant}.
   *
   * @throws ForbiddenOperationException when the grant's roles do not allow the write
   */
  public void checkWrite(SmartGrant grant, IBaseResource resource) {
    if (grant.hasRole(SmartGrant.SYSTEM_ROLE)) {
      return;
    }
    if (resource instanceof MedicationDispense && !grant.hasRole(PHARMACIST)) {
      throw new ForbiddenOperationException(Codes.of(1030) + "only a pharmacist may record a MedicationDispense");
    }
    if (releasedResult(resource) && !grant.hasRole(LAB_TECHNICIAN) && !grant.hasRole(PHYSICIAN)) {
      throw new ForbiddenOperationException(Codes.of(1031) + "only a lab technician or a physician may release a "
          + resource.fhirType() + " (status final, amended or corrected)");
    }
    if (discharge(resource) && grant.hasRole(NURSE) && !grant.hasRole(PHYSICIAN)) {
      throw new ForbiddenOperationException(Codes.of(1032) + "a nurse may not discharge: an inpatient Encounter"
          + " is finished by a physician");
    }
    checkPersonnel(grant, resource);
  }

  /**
   * Refuses to delete {@code resource} under {@code grant}.
   *
   * @throws ForbiddenOperationException when the grant's roles do not allow the delete
   */
  public void checkDelete(SmartGrant grant, IBaseResource resource) {
    if (!grant.hasRole(SmartGrant.SYSTEM_ROLE)) {
      checkPersonnel(grant, resource);
    }
  }

  private static void checkPersonnel(SmartGrant grant, IBaseResource resource) {
    if (PERSONNEL.contains(resource.fhirType()) && !grant.hasRole(FACILITY_ADMIN)) {
      throw new ForbiddenOperationException(Codes.of(1033) + "only a facility administrator may change a "
          + resource.fhirType());
    }
  }

  private static boolean releasedResult(IBaseResource resource) {
    if (resource instanceof Observation observation) {
      return observation.getStatus() == Observation.ObservationStatus.FINAL
          || observation.getStatus() == Observation.ObservationStatus.AMENDED
          || observation.getStatus() == Observation.ObservationStatus.CORRECTED;
    }
    if (resource instanceof DiagnosticReport report) {
      return report.getStatus() == DiagnosticReport.DiagnosticReportStatus.FINAL
          || report.getStatus() == DiagnosticReport.DiagnosticReportStatus.AMENDED
          || report.getStatus() == DiagnosticReport.DiagnosticReportStatus.CORRECTED;
    }
    return false;
  }

  private static boolean discharge(IBaseResource resource) {
    return resource instanceof Encounter encounter
        && encounter.getStatus() == Encounter.EncounterStatus.FINISHED
        && "IMP".equals(encounter.getClass_().getCode());
  }
}
