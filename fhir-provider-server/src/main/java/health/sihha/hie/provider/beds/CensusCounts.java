package health.sihha.hie.provider.beds;

import java.util.Optional;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;

/** Bed counts of a ward, a room or the facility; a bed without an operational status counts only in the total. */
record CensusCounts(int total, int occupied, int free, int housekeeping, int closed, int isolated, int contaminated) {

  static final CensusCounts NONE = new CensusCounts(0, 0, 0, 0, 0, 0, 0);

  static CensusCounts ofBed(Optional<BedStatus> status) {
    BedStatus s = status.orElse(null);
    return new CensusCounts(1, one(s, BedStatus.OCCUPIED), one(s, BedStatus.UNOCCUPIED),
        one(s, BedStatus.HOUSEKEEPING), one(s, BedStatus.CLOSED), one(s, BedStatus.ISOLATED),
        one(s, BedStatus.CONTAMINATED));
  }

  CensusCounts plus(CensusCounts other) {
    return new CensusCounts(total + other.total, occupied + other.occupied, free + other.free,
        housekeeping + other.housekeeping, closed + other.closed, isolated + other.isolated,
        contaminated + other.contaminated);
  }

  /** Adds {@code total}, {@code occupied}, {@code free}, ... as integer parts. */
  void addTo(Supplier<ParametersParameterComponent> parts) {
    add(parts, "total", total);
    add(parts, "occupied", occupied);
    add(parts, "free", free);
    add(parts, "housekeeping", housekeeping);
    add(parts, "closed", closed);
    add(parts, "isolated", isolated);
    add(parts, "contaminated", contaminated);
  }

  private static void add(Supplier<ParametersParameterComponent> parts, String name, int value) {
    parts.get().setName(name).setValue(new IntegerType(value));
  }

  private static int one(BedStatus status, BedStatus counted) {
    return status == counted ? 1 : 0;
  }
}
