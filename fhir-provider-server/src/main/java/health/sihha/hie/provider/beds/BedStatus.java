package health.sihha.hie.provider.beds;

import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;

/** A bed's {@code Location.operationalStatus}, from {@code http://terminology.hl7.org/CodeSystem/v2-0116}. */
enum BedStatus {
  CLOSED("C", "Closed"),
  HOUSEKEEPING("H", "Housekeeping"),
  OCCUPIED("O", "Occupied"),
  UNOCCUPIED("U", "Unoccupied"),
  CONTAMINATED("K", "Contaminated"),
  ISOLATED("I", "Isolated");

  static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0116";

  private final String code;
  private final String display;

  BedStatus(String code, String display) {
    this.code = code;
    this.display = display;
  }

  static Optional<BedStatus> of(Coding coding) {
    if (coding == null || !SYSTEM.equals(coding.getSystem())) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(s -> s.code.equals(coding.getCode())).findFirst();
  }

  static BedStatus ofCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a v2-0116 bed status: " + code));
  }

  Coding toCoding() {
    return new Coding(SYSTEM, code, display);
  }

  /** For messages: {@code housekeeping (H)}. */
  @Override
  public String toString() {
    return display.toLowerCase() + " (" + code + ")";
  }
}
