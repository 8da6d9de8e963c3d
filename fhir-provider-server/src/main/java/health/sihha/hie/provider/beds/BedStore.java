package health.sihha.hie.provider.beds;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.provider.encounter.EncounterLifecycle;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationComponent;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Beds and the hospitalizations in them, read and written through HAPI's DAOs on the thread of the write being
 * checked, so every call joins its transaction. The bed's own status change is the server's write, not the caller's:
 * it is made as the server ({@link SystemRequestDetails}), so a nurse's admission is not refused for not being
 * allowed to change a Location (a facility administrator's right) and no scope of the caller is needed for it.
 */
final class BedStore {

  private static final Logger LOG = LoggerFactory.getLogger(BedStore.class);
  private static final String INTERNAL_WRITE = BedStore.class.getName() + ".internalWrite";

  private final DaoRegistry daos;
  private final EntityManager entityManager;

  BedStore(DaoRegistry daos, EntityManager entityManager) {
    this.daos = Objects.requireNonNull(daos);
    this.entityManager = Objects.requireNonNull(entityManager);
  }

  /** The beds an encounter's {@code active} location entries point to (wards and rooms are left out). */
  List<Location> activeBeds(Encounter encounter, RequestDetails request) {
    return encounter.getLocation().stream()
        .filter(entry -> entry.getStatus() == EncounterLocationStatus.ACTIVE)
        .map(entry -> entry.getLocation().getReferenceElement())
        .filter(id -> id.hasIdPart() && (!id.hasResourceType() || "Location".equals(id.getResourceType())))
        .map(IIdType::getIdPart)
        .distinct()
        .map(id -> daos.getResourceDao(Location.class).read(new IdType("Location", id), request))
        .filter(Locations::isBed)
        .toList();
  }

  /** The active hospitalizations whose active location entry is {@code bed}. */
  List<Encounter> hospitalizationsIn(Location bed, RequestDetails request) {
    String bedId = bed.getIdElement().getIdPart();
    TokenOrListParam statuses = new TokenOrListParam();
    EncounterLifecycle.activeStatusCodes().forEach(statuses::add);
    SearchParameterMap search = SearchParameterMap.newSynchronous("location", new ReferenceParam("Location/" + bedId));
    search.add("class", new TokenParam(EncounterLifecycle.ACT_CODE, EncounterLifecycle.INPATIENT));
    search.add("status", statuses);
    return daos.getResourceDao(Encounter.class).searchForResources(search, request).stream()
        .filter(encounter -> encounter.getLocation().stream().anyMatch(entry -> isActiveIn(entry, bedId)))
        .toList();
  }

  /**
   * Sets a bed's status, writing on top of the version that was read: when another transaction changed the bed in
   * the meantime (two admissions to one free bed), HAPI or the database (the row's version, the unique resource
   * version) refuses the stale write and this one fails with 409, so exactly one of them holds the bed. The cause is
   * logged, not kept: HAPI rewrites any exception caused by a version conflict under its own code.
   */
  void setStatus(Location bed, BedStatus status) {
    Location changed = bed.copy();
    changed.setId(bed.getIdElement().toUnqualified());
    changed.setOperationalStatus(status.toCoding());
    SystemRequestDetails server = new SystemRequestDetails();
    server.getUserData().put(INTERNAL_WRITE, bed.getIdElement().getIdPart());
    try {
      daos.getResourceDao(Location.class).update(changed, server);
      entityManager.flush();
    } catch (ResourceVersionConflictException | PersistenceException | DataAccessException e) {
      LOG.info("Concurrent write of bed {} refused: {}", bed.getIdElement().getIdPart(), e.toString());
      throw new BedConflictException(Codes.of(1221) + Locations.describe(bed)
          + " was changed by another request at the same time (another admission or transfer?); nothing was stored,"
          + " read the bed again and retry");
    }
  }

  /** Whether this write of {@code location} is one of {@link #setStatus}'s own. */
  static boolean isInternalWrite(Location location, RequestDetails request) {
    return location.getIdElement().getIdPart().equals(request.getUserData().get(INTERNAL_WRITE));
  }

  private static boolean isActiveIn(EncounterLocationComponent entry, String bedId) {
    IIdType id = entry.getLocation().getReferenceElement();
    return entry.getStatus() == EncounterLocationStatus.ACTIVE && bedId.equals(id.getIdPart());
  }
}
