package health.sihha.hie.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * The one set-up of HAPI's validator for the IG, so that the provider and the benchmark's stock HAPI server (which
 * must validate as the provider does, without its classes) cannot drift apart.
 */
public final class IgValidators {

  private IgValidators() {}

  /**
   * A validator over {@code chain} (which should hold the IG package): unknown extensions allowed, since feeds carry
   * their own (Synthea's among them) and they are warnings, not errors; an unknown profile an error; no XML schema
   * or schematron pass.
   */
  public static FhirValidator validator(FhirContext fhirContext, IValidationSupport chain) {
    FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
    instanceValidator.setAnyExtensionsAllowed(true);
    instanceValidator.setErrorForUnknownProfiles(true);
    FhirValidator validator = fhirContext.newValidator();
    validator.setValidateAgainstStandardSchema(false);
    validator.setValidateAgainstStandardSchematron(false);
    validator.registerValidatorModule(instanceValidator);
    return validator;
  }
}
