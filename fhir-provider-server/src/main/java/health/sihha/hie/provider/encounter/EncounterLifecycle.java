package health.sihha.hie.provider.encounter;

import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.ARRIVED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.CANCELLED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.ENTEREDINERROR;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.FINISHED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.INPROGRESS;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.ONLEAVE;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.PLANNED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.TRIAGED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.UNKNOWN;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;

/**
 * The life of an encounter: which statuses are active, which may follow which, and which encounters are
 * hospitalizations (class {@code IMP}). Visits ({@code AMB}, {@code EMER}) follow the same status rules.
 */
public final class EncounterLifecycle {

  public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  public static final String INPATIENT = "IMP";

  private static final Set<EncounterStatus> ACTIVE = EnumSet.of(ARRIVED, TRIAGED, INPROGRESS, ONLEAVE);

  private static final Map<EncounterStatus, Set<EncounterStatus>> NEXT = Map.of(
      PLANNED, EnumSet.of(ARRIVED, TRIAGED, INPROGRESS, CANCELLED, ENTEREDINERROR),
      ARRIVED, EnumSet.of(TRIAGED, INPROGRESS, CANCELLED, ENTEREDINERROR),
      TRIAGED, EnumSet.of(INPROGRESS, CANCELLED, ENTEREDINERROR),
      INPROGRESS, EnumSet.of(ONLEAVE, FINISHED, ENTEREDINERROR),
      ONLEAVE, EnumSet.of(INPROGRESS, FINISHED, ENTEREDINERROR),
      UNKNOWN, EnumSet.complementOf(EnumSet.of(EncounterStatus.NULL)));

  private EncounterLifecycle() {}

  /** Arrived, triaged, in progress or on leave: the patient is (still) the facility's. */
  public static boolean isActive(Encounter encounter) {
    return ACTIVE.contains(encounter.getStatus());
  }

  /** The FHIR codes of the active statuses, for searches. */
  public static List<String> activeStatusCodes() {
    return ACTIVE.stream().map(EncounterStatus::toCode).toList();
  }

  /** Class {@code IMP} of {@code http://terminology.hl7.org/CodeSystem/v3-ActCode}. */
  public static boolean isHospitalization(Encounter encounter) {
    return ACT_CODE.equals(encounter.getClass_().getSystem()) && INPATIENT.equals(encounter.getClass_().getCode());
  }

  /** Whether {@code to} may follow {@code from}; keeping the status is always allowed. */
  static boolean allows(EncounterStatus from, EncounterStatus to) {
    return from == to || NEXT.getOrDefault(from, Set.of()).contains(to);
  }

  /** The statuses that may follow {@code from}, for messages. */
  static Set<EncounterStatus> next(EncounterStatus from) {
    return NEXT.getOrDefault(from, Set.of());
  }
}
