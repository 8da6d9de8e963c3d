package health.sihha.hie.interceptors.security;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.sihha.hie.interceptors.Codes;
import jakarta.annotation.Nullable;
import java.util.EnumSet;
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
 *   <li>only a {@code pharmacist} records, changes or deletes a MedicationDispense;
 *   <li>only a {@code lab-technician} or a {@code physician} writes an Observation or DiagnosticReport that is or was
 *       released (status {@code final}, {@code amended} or {@code corrected}), so a nurse can neither release a
 *       result nor change one already released; a released result is never deleted by anyone but a service
 *       account: it is amended or marked {@code entered-in-error};
 *   <li>only a {@code physician} ends a hospitalization (an inpatient {@code IMP} Encounter that becomes
 *       {@code finished}, {@code cancelled} or {@code entered-in-error}) or deletes one;
 *   <li>only a {@code facility-admin} creates, updates or deletes Practitioner, PractitionerRole and Location.
 * </ul>
 *
 * <p>The checks see the resource as stored before the write and as it is about to be stored (after a patch is
 * applied, for each transaction entry), so no write path escapes them and a rule cannot be dodged by what the new
 * state alone shows.
 */
public final class ClinicalRolePolicy {

  public static final String PHARMACIST = "pharmacist";
  public static final String LAB_TECHNICIAN = "lab-technician";
  public static final String PHYSICIAN = "physician";
  public static final String NURSE = "nurse";
  public static final String FACILITY_ADMIN = "facility-admin";

  private static final Set<String> PERSONNEL = Set.of("Practitioner", "PractitionerRole", "Location");
  private static final Set<Encounter.EncounterStatus> ENDED = EnumSet.of(Encounter.EncounterStatus.FINISHED,
      Encounter.EncounterStatus.CANCELLED, Encounter.EncounterStatus.ENTEREDINERROR);

  /**
   * Refuses to store {@code resource} under {@code grant}.
   *
   * @param previous the stored version the write replaces, or null for a create
   * @throws ForbiddenOperationException when the grant's roles do not allow the write
   */
  public void checkWrite(SmartGrant grant, @Nullable IBaseResource previous, IBaseResource resource) {
    if (grant.hasRole(SmartGrant.SYSTEM_ROLE)) {
      return;
    }
    checkDispense(grant, resource);
    if ((released(resource) || released(previous)) && !grant.hasRole(LAB_TECHNICIAN) && !grant.hasRole(PHYSICIAN)) {
      throw new ForbiddenOperationException(Codes.of(1031) + "only a lab technician or a physician may release or"
          + " change a released " + resource.fhirType() + " (status final, amended or corrected)");
    }
    if (endsHospitalization(previous, resource) && !grant.hasRole(PHYSICIAN)) {
      throw new ForbiddenOperationException(Codes.of(1032) + "only a physician ends a hospitalization: an inpatient"
          + " Encounter is finished, cancelled or marked entered-in-error by a physician");
    }
    checkPersonnel(grant, resource);
  }

  /**
   * Refuses to delete {@code resource} under {@code grant}.
   *
   * @throws ForbiddenOperationException when the grant's roles do not allow the delete
   */
  public void checkDelete(SmartGrant grant, IBaseResource resource) {
    if (grant.hasRole(SmartGrant.SYSTEM_ROLE)) {
      return;
    }
    checkDispense(grant, resource);
    if (released(resource)) {
      throw new ForbiddenOperationException(Codes.of(1034) + "a released " + resource.fhirType() + " is never"
          + " deleted: a lab technician or a physician amends it or marks it entered-in-error");
    }
    if (inpatient(resource) && !grant.hasRole(PHYSICIAN)) {
      throw new ForbiddenOperationException(Codes.of(1032) + "only a physician deletes a hospitalization");
    }
    checkPersonnel(grant, resource);
  }

  private static void checkDispense(SmartGrant grant, IBaseResource resource) {
    if (resource instanceof MedicationDispense && !grant.hasRole(PHARMACIST)) {
      throw new ForbiddenOperationException(Codes.of(1030) + "only a pharmacist may record, change or delete a"
          + " MedicationDispense");
    }
  }

  private static void checkPersonnel(SmartGrant grant, IBaseResource resource) {
    if (PERSONNEL.contains(resource.fhirType()) && !grant.hasRole(FACILITY_ADMIN)) {
      throw new ForbiddenOperationException(Codes.of(1033) + "only a facility administrator may change a "
          + resource.fhirType());
    }
  }

  private static boolean released(@Nullable IBaseResource resource) {
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

  private static boolean endsHospitalization(@Nullable IBaseResource previous, IBaseResource resource) {
    if (!(inpatient(resource) || inpatient(previous)) || !(resource instanceof Encounter encounter)) {
      return false;
    }
    Encounter.EncounterStatus before = previous instanceof Encounter stored ? stored.getStatus() : null;
    return ENDED.contains(encounter.getStatus()) && encounter.getStatus() != before;
  }

  private static boolean inpatient(@Nullable IBaseResource resource) {
    return resource instanceof Encounter encounter && "IMP".equals(encounter.getClass_().getCode());
  }
}
