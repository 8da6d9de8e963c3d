package health.sihha.hie.provider.beds;

import java.util.Optional;
import org.hl7.fhir.r4.model.Location;

/** What a {@link Location} is in the ward → room → bed hierarchy. */
final class Locations {

  static final String PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";
  static final String WARD = "wa";
  static final String BED = "bd";

  private Locations() {}

  static boolean isBed(Location location) {
    return is(location, BED);
  }

  static boolean isWard(Location location) {
    return is(location, WARD);
  }

  static Optional<BedStatus> status(Location location) {
    return location.hasOperationalStatus() ? BedStatus.of(location.getOperationalStatus()) : Optional.empty();
  }

  static boolean isOccupiedBed(Location location) {
    return isBed(location) && status(location).filter(s -> s == BedStatus.OCCUPIED).isPresent();
  }

  /** {@code Location/12 'Bed 3'}, for messages. */
  static String describe(Location location) {
    String id = "Location/" + location.getIdElement().getIdPart();
    return location.hasName() ? id + " '" + location.getName() + "'" : id;
  }

  private static boolean is(Location location, String code) {
    return location.getPhysicalType().getCoding().stream()
        .anyMatch(c -> PHYSICAL_TYPE.equals(c.getSystem()) && code.equals(c.getCode()));
  }
}
