package health.sihha.hie.provider.beds;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;

/**
 * Keeps a bed's own status honest on every write of a {@link Location}: a bed is occupied exactly when an active
 * hospitalization is in it. Only admission, transfer and discharge (see {@link BedOccupancyInterceptor}) set or clear
 * {@code O}; a bed with a patient in it can neither change its status nor be deleted.
 */
@Interceptor(order = HieOrder.CLINICAL_INVARIANTS)
public final class BedConsistencyInterceptor {

  private final BedStore beds;

  BedConsistencyInterceptor(BedStore beds) {
    this.beds = Objects.requireNonNull(beds);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource, RequestDetails request) {
    if (resource instanceof Location location && Locations.isOccupiedBed(location)) {
      refuseOccupiedByHand(location, BedOccupancyInterceptor.orSystem(request));
    }
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource updated, RequestDetails given) {
    RequestDetails request = BedOccupancyInterceptor.orSystem(given);
    if (!(previous instanceof Location before) || !(updated instanceof Location after)
        || BedStore.isInternalWrite(after, request)) {
      return;
    }
    boolean occupied = Locations.isOccupiedBed(after);
    if (occupied && !Locations.isOccupiedBed(before)) {
      refuseOccupiedByHand(after, request);
    }
    if (Locations.isBed(before) && !occupied) {
      List<Encounter> inBed = beds.hospitalizationsIn(before, request);
      if (!inBed.isEmpty()) {
        String now = Locations.isBed(after)
            ? Locations.status(after).map(BedStatus::toString).orElse("without an operational status")
            : "no longer a bed";
        throw new BedConflictException(Codes.of(1223) + "bed " + Locations.describe(before)
            + " holds active hospitalization " + ids(inBed) + " and cannot become " + now
            + "; transfer or discharge the patient first");
      }
    }
  }

  /**
   * Checked before the server marks the bed deleted, so the search for its patients finds nothing of this delete to
   * flush: the refusal is the same whatever else the database is doing. A bed occupied by an admission committed
   * after this check still cannot be deleted: that admission changed the bed, and the delete's stale write fails.
   */
  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
  public void deleting(IBaseResource resource, RequestDetails given) {
    if (!(resource instanceof Location location) || !Locations.isBed(location)) {
      return;
    }
    List<Encounter> inBed = beds.hospitalizationsIn(location, BedOccupancyInterceptor.orSystem(given));
    if (Locations.isOccupiedBed(location) || !inBed.isEmpty()) {
      throw new BedConflictException(Codes.of(1225) + "bed " + Locations.describe(location)
          + " is occupied" + (inBed.isEmpty() ? "" : " by " + ids(inBed)) + " and cannot be deleted");
    }
  }

  private void refuseOccupiedByHand(Location bed, RequestDetails request) {
    if (beds.hospitalizationsIn(bed, request).isEmpty()) {
      throw new BedConflictException(Codes.of(1224) + "bed " + Locations.describe(bed)
          + " cannot be set to occupied (O) by hand: no active hospitalization is in it; admit an Encounter"
          + " (class IMP) to the bed instead");
    }
  }

  private static String ids(List<Encounter> encounters) {
    return String.join(", ", encounters.stream().map(e -> "Encounter/" + e.getIdElement().getIdPart()).toList());
  }
}
