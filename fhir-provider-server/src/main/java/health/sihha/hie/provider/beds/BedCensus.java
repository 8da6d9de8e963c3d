package health.sihha.hie.provider.beds;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;

/**
 * Counts the beds beneath a ward or room, or beneath every ward of the facility, by their operational status. The
 * hierarchy is walked one level at a time: one {@code partof} search (all parents of the level OR-ed, in chunks) per
 * level, loaded synchronously so that no page is missed.
 */
final class BedCensus {

  private static final int MAX_DEPTH = 6;
  private static final int PARENTS_PER_SEARCH = 100;

  private final DaoRegistry daos;

  BedCensus(DaoRegistry daos) {
    this.daos = Objects.requireNonNull(daos);
  }

  /** The census of one ward or room (any location but a bed). */
  Parameters of(IIdType id, RequestDetails request) {
    Location root = read(id, request);
    if (Locations.isBed(root)) {
      throw new InvalidRequestException(Codes.of(1228) + Locations.describe(root)
          + " is a bed; $census counts the beds of a ward, a room or the whole facility (Location/$census)");
    }
    Parameters census = new Parameters();
    census.addParameter().setName("location").setValue(reference(root));
    countBeneath(List.of(root), request).get(idOf(root)).addTo(census::addParameter);
    return census;
  }

  /** The census of every ward ({@code physicalType} {@code wa}), of one managing organization when given. */
  Parameters facility(String organization, RequestDetails request) {
    SearchParameterMap search = SearchParameterMap.newSynchronous();
    if (organization != null && !organization.isBlank()) {
      search.add("organization", new ReferenceParam(
          organization.contains("/") ? organization : "Organization/" + organization));
    }
    List<Location> wards = locations().searchForResources(search, request).stream()
        .filter(Locations::isWard).toList();
    Map<String, CensusCounts> byWard = countBeneath(wards, request);
    Parameters census = new Parameters();
    byWard.values().stream().reduce(CensusCounts.NONE, CensusCounts::plus).addTo(census::addParameter);
    for (Location ward : wards) {
      ParametersParameterComponent part = census.addParameter().setName("ward");
      part.addPart().setName("location").setValue(reference(ward));
      byWard.get(idOf(ward)).addTo(part::addPart);
    }
    return census;
  }

  private Map<String, CensusCounts> countBeneath(List<Location> roots, RequestDetails request) {
    Map<String, String> rootOf = new HashMap<>();
    Map<String, CensusCounts> counts = new LinkedHashMap<>();
    for (Location root : roots) {
      rootOf.put(idOf(root), idOf(root));
      counts.put(idOf(root), CensusCounts.NONE);
    }
    List<String> parents = List.copyOf(counts.keySet());
    for (int depth = 0; depth < MAX_DEPTH && !parents.isEmpty(); depth++) {
      List<String> next = new ArrayList<>();
      for (Location child : children(parents, request)) {
        String root = rootOf.get(child.getPartOf().getReferenceElement().getIdPart());
        if (root == null || rootOf.putIfAbsent(idOf(child), root) != null) {
          continue;
        }
        if (Locations.isBed(child)) {
          counts.merge(root, CensusCounts.ofBed(Locations.status(child)), CensusCounts::plus);
        } else {
          next.add(idOf(child));
        }
      }
      parents = next;
    }
    return counts;
  }

  private List<Location> children(List<String> parents, RequestDetails request) {
    List<Location> children = new ArrayList<>();
    for (int from = 0; from < parents.size(); from += PARENTS_PER_SEARCH) {
      ReferenceOrListParam partOf = new ReferenceOrListParam();
      parents.subList(from, Math.min(parents.size(), from + PARENTS_PER_SEARCH))
          .forEach(id -> partOf.addOr(new ReferenceParam("Location/" + id)));
      SearchParameterMap search = SearchParameterMap.newSynchronous();
      search.add("partof", partOf);
      children.addAll(locations().searchForResources(search, request));
    }
    return children;
  }

  private Location read(IIdType id, RequestDetails request) {
    try {
      return locations().read(id.toUnqualifiedVersionless(), request);
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      throw new ResourceNotFoundException(Codes.of(1229) + "Location/" + id.getIdPart() + " is not known");
    }
  }

  private IFhirResourceDao<Location> locations() {
    return daos.getResourceDao(Location.class);
  }

  private static Reference reference(Location location) {
    return new Reference("Location/" + idOf(location)).setDisplay(location.getName());
  }

  private static String idOf(Location location) {
    return location.getIdElement().getIdPart();
  }
}
