package health.sihha.hie.provider.personnel;

import health.sihha.hie.interceptors.security.ClinicalRolePolicy;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PractitionerRole;

/**
 * Which realm role a PractitionerRole grants, from its {@code code}: the codes of the IG's staff-role code system are
 * the realm roles themselves; of HL7's practitioner-role codes, {@code doctor}, {@code nurse} and {@code pharmacist}
 * map to {@code physician}, {@code nurse} and {@code pharmacist}. Other codes grant no realm role.
 */
final class StaffRoles {

  static final String STAFF_ROLE_SYSTEM = "https://sihha.health/fhir/CodeSystem/staff-role";
  static final String HL7_ROLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/practitioner-role";

  /** The realm roles that follow the PractitionerRoles; the account's other roles are left as they are. */
  static final Set<String> MANAGED = Set.of(ClinicalRolePolicy.PHYSICIAN, ClinicalRolePolicy.NURSE,
      ClinicalRolePolicy.PHARMACIST, ClinicalRolePolicy.LAB_TECHNICIAN, ClinicalRolePolicy.FACILITY_ADMIN);

  private static final Map<String, String> HL7 = Map.of("doctor", ClinicalRolePolicy.PHYSICIAN,
      "nurse", ClinicalRolePolicy.NURSE, "pharmacist", ClinicalRolePolicy.PHARMACIST);

  private StaffRoles() {}

  /** The realm roles {@code role} grants at {@code now}: none once it is inactive or outside its period. */
  static Set<String> granted(PractitionerRole role, Date now) {
    Set<String> granted = new TreeSet<>();
    if (!current(role, now)) {
      return granted;
    }
    for (CodeableConcept code : role.getCode()) {
      for (Coding coding : code.getCoding()) {
        if (STAFF_ROLE_SYSTEM.equals(coding.getSystem()) && MANAGED.contains(coding.getCode())) {
          granted.add(coding.getCode());
        } else if (HL7_ROLE_SYSTEM.equals(coding.getSystem()) && HL7.containsKey(coding.getCode())) {
          granted.add(HL7.get(coding.getCode()));
        }
      }
    }
    return granted;
  }

  private static boolean current(PractitionerRole role, Date now) {
    if (role.hasActive() && !role.getActive()) {
      return false;
    }
    return (!role.getPeriod().hasStart() || !role.getPeriod().getStart().after(now))
        && (!role.getPeriod().hasEnd() || !role.getPeriod().getEnd().before(now));
  }
}
