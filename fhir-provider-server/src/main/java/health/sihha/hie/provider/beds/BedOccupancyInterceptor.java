package health.sihha.hie.provider.beds;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.provider.encounter.EncounterLifecycle;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationStatus;
import org.hl7.fhir.r4.model.Location;

/**
 * Keeps beds and hospitalizations in step on every write of an {@link Encounter}: admission takes an unoccupied bed
 * and marks it occupied, transfer takes the new bed and vacates the old one, discharge (finished, cancelled, entered
 * in error, the bed entry completed, or a delete) vacates the bed. Runs before commit, inside the write's database
 * transaction (in a transaction Bundle once its references are resolved), so a refusal rolls everything back.
 */
@Interceptor(order = HieOrder.CLINICAL_INVARIANTS)
public final class BedOccupancyInterceptor {

  private final BedStore beds;
  private final BedStatus vacated;

  BedOccupancyInterceptor(BedStore beds, BedStatus vacated) {
    this.beds = Objects.requireNonNull(beds);
    this.vacated = Objects.requireNonNull(vacated);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource, RequestDetails request) {
    if (resource instanceof Encounter encounter) {
      move(null, encounter, orSystem(request));
    }
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource updated, RequestDetails request) {
    if (previous instanceof Encounter before && updated instanceof Encounter after) {
      move(before, after, orSystem(request));
    }
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
  public void deleted(IBaseResource resource, RequestDetails request) {
    if (resource instanceof Encounter encounter) {
      move(encounter, null, orSystem(request));
    }
  }

  private void move(Encounter before, Encounter after, RequestDetails request) {
    Optional<Location> from = heldBed(before, request);
    Optional<Location> to = requestedBed(after, request);
    if (from.map(BedOccupancyInterceptor::id).equals(to.map(BedOccupancyInterceptor::id))) {
      return;
    }
    to.ifPresent(bed -> occupy(bed, after, request));
    from.filter(Locations::isOccupiedBed).ifPresent(bed -> beds.setStatus(bed, vacated));
  }

  /** The bed the stored version holds. */
  private Optional<Location> heldBed(Encounter before, RequestDetails request) {
    if (before == null || !occupiesBed(before)) {
      return Optional.empty();
    }
    return beds.activeBeds(before, request).stream().findFirst();
  }

  /** The bed the new version asks for; one at most. */
  private Optional<Location> requestedBed(Encounter after, RequestDetails request) {
    if (after == null || !occupiesBed(after) && activeEntries(after) < 2) {
      return Optional.empty();
    }
    List<Location> active = beds.activeBeds(after, request);
    if (active.size() > 1) {
      throw new UnprocessableEntityException(Codes.of(1222) + "Encounter/" + after.getIdElement().getIdPart()
          + " has " + active.size() + " active bed entries (" + String.join(", ", active.stream()
              .map(Locations::describe).toList()) + "); a patient is in one bed at a time: mark the earlier ones"
          + " completed");
    }
    return occupiesBed(after) ? active.stream().findFirst() : Optional.empty();
  }

  private void occupy(Location bed, Encounter encounter, RequestDetails request) {
    Optional<BedStatus> status = Locations.status(bed);
    if (status.filter(s -> s == BedStatus.UNOCCUPIED).isEmpty()) {
      throw new BedConflictException(Codes.of(1220) + "Encounter/" + encounter.getIdElement().getIdPart()
          + " cannot take bed " + Locations.describe(bed) + ": the bed is "
          + status.map(BedStatus::toString).orElse("without an operational status") + ", not unoccupied (U)");
    }
    beds.setStatus(bed, BedStatus.OCCUPIED);
  }

  private static boolean occupiesBed(Encounter encounter) {
    return EncounterLifecycle.isActive(encounter) && EncounterLifecycle.isHospitalization(encounter);
  }

  private static long activeEntries(Encounter encounter) {
    return encounter.getLocation().stream().filter(e -> e.getStatus() == EncounterLocationStatus.ACTIVE).count();
  }

  private static String id(Location bed) {
    return bed.getIdElement().getIdPart();
  }

  static RequestDetails orSystem(RequestDetails request) {
    return request != null ? request : new SystemRequestDetails();
  }
}
