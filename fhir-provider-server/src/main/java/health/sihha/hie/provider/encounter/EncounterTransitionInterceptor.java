package health.sihha.hie.provider.encounter;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;

/**
 * Refuses an update of an encounter whose status jumps where {@link EncounterLifecycle} does not allow, or whose
 * class changes from {@code IMP} while it is active. Creates take any status: history is loaded as it was.
 */
@Interceptor(order = HieOrder.CLINICAL_INVARIANTS)
public final class EncounterTransitionInterceptor {

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource updated) {
    if (!(previous instanceof Encounter before) || !(updated instanceof Encounter after)) {
      return;
    }
    String id = "Encounter/" + before.getIdElement().getIdPart();
    EncounterStatus from = before.getStatus();
    EncounterStatus to = after.getStatus();
    if (from != null && to != null && !EncounterLifecycle.allows(from, to)) {
      String allowed = EncounterLifecycle.next(from).stream().map(EncounterStatus::toCode)
          .collect(Collectors.joining(", "));
      throw new UnprocessableEntityException(Codes.of(1226) + id + ": status may not change from " + from.toCode()
          + " to " + to.toCode() + " (allowed from " + from.toCode() + ": "
          + (allowed.isEmpty() ? "none" : allowed) + ")");
    }
    if (EncounterLifecycle.isActive(before) && EncounterLifecycle.isHospitalization(before)
        && !EncounterLifecycle.isHospitalization(after)) {
      throw new UnprocessableEntityException(Codes.of(1227) + id + ": an active hospitalization (class IMP) may not"
          + " change its class to " + after.getClass_().getCode() + "; discharge it first");
    }
  }
}
