package health.sihha.hie.ig.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Resource;

/** Validates one IG resource, against a profile or the base specification, and lists its errors. */
final class IgValidator {

  private static final Set<ResultSeverityEnum> FAILING = EnumSet.of(ResultSeverityEnum.ERROR, ResultSeverityEnum.FATAL);

  private final FhirValidator validator;

  IgValidator(FhirContext fhirContext, IValidationSupport chain) {
    FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
    instanceValidator.setErrorForUnknownProfiles(true);
    validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
  }

  List<String> errors(Resource resource, Optional<String> profile) {
    ValidationOptions options = new ValidationOptions();
    profile.ifPresent(options::addProfile);
    String name = resource.fhirType() + "/" + resource.getIdPart();
    return validator.validateWithResult(resource, options).getMessages().stream()
        .filter(m -> FAILING.contains(m.getSeverity()))
        .map(m -> name + " " + m.getLocationString() + ": " + m.getMessage())
        .toList();
  }
}
