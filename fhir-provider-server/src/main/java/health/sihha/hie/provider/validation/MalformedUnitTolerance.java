package health.sihha.hie.provider.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.FhirPathExecutionException;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.validation.SingleValidationMessage;
import health.sihha.hie.terminology.load.ucum.UcumGrammar;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Tells the validator's errors about a malformed UCUM unit from the rest, for the servers set to accept such units
 * with a warning ({@code sihha.terminology.replica.invalid-units=WARN}): real feeds carry legacy notations (Synthea
 * writes {@code (score)} for UCUM's {@code {score}}), and the write check already logs them.
 */
final class MalformedUnitTolerance {

  private static final String UCUM = "http://unitsofmeasure.org";

  private final boolean enabled;
  private final IFhirPath fhirPath;
  private final UcumGrammar ucum;

  private MalformedUnitTolerance(boolean enabled, FhirContext fhirContext, UcumGrammar ucum) {
    this.enabled = enabled;
    this.fhirPath = fhirContext.newFhirPath();
    this.ucum = ucum;
  }

  /** Tolerates errors about malformed UCUM units when {@code enabled}, none otherwise. */
  static MalformedUnitTolerance of(boolean enabled, FhirContext fhirContext, UcumGrammar ucum) {
    return new MalformedUnitTolerance(enabled, fhirContext, ucum);
  }

  /** Whether the message is about a UCUM quantity whose unit is not a well-formed UCUM expression. */
  boolean tolerates(IBaseResource resource, SingleValidationMessage message) {
    String location = message.getLocationString();
    if (!enabled || location == null || location.isBlank()) {
      return false;
    }
    List<Quantity> quantities;
    try {
      quantities = fhirPath.evaluate(resource, location, Quantity.class);
    } catch (FhirPathExecutionException | IllegalArgumentException e) {
      return false;
    }
    return !quantities.isEmpty() && quantities.stream().allMatch(this::hasMalformedUcumUnit);
  }

  private boolean hasMalformedUcumUnit(Quantity quantity) {
    return UCUM.equals(quantity.getSystem()) && quantity.hasCode() && ucum.validate(quantity.getCode()).isPresent();
  }
}
