package health.sihha.hie.ig;

import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Identifier.IdentifierUse;
import org.hl7.fhir.r4.model.Patient;

/**
 * The national identifier every Patient carries ({@link SihhaIg#NATIONAL_ID_SYSTEM}), and its derivation from a US
 * social security number for records migrated from systems that hold one, such as Synthea's.
 */
public final class NationalIdentifiers {

  public static final String US_SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";

  private NationalIdentifiers() {}

  /** The patient's national identifier, if it has one with a value. */
  public static Optional<Identifier> of(Patient patient) {
    return patient.getIdentifier().stream()
        .filter(id -> SihhaIg.NATIONAL_ID_SYSTEM.equals(id.getSystem()) && id.hasValue())
        .findFirst();
  }

  /**
   * Gives a patient without a national identifier one made of the digits of its SSN ({@code 999-71-5436} becomes
   * {@code 999715436}); says whether it added one.
   */
  public static boolean deriveFromSsn(Patient patient) {
    if (of(patient).isPresent()) {
      return false;
    }
    Optional<String> digits = patient.getIdentifier().stream()
        .filter(id -> US_SSN_SYSTEM.equals(id.getSystem()) && id.hasValue())
        .map(id -> id.getValue().replaceAll("[^0-9]", ""))
        .filter(value -> !value.isEmpty())
        .findFirst();
    digits.ifPresent(value -> patient.addIdentifier().setUse(IdentifierUse.OFFICIAL)
        .setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(value));
    return digits.isPresent();
  }
}
