package health.sihha.hie.terminology.replica;

import static health.sihha.hie.terminology.replica.SmallTerminology.ICD10CM;
import static health.sihha.hie.terminology.replica.SmallTerminology.LOINC;
import static health.sihha.hie.terminology.replica.SmallTerminology.UCUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.terminology.replica.CodedElementValidationInterceptor.InvalidUnits;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodedElementValidationInterceptorTest {

  @TempDir
  Path directory;

  private CodedElementValidationInterceptor interceptor;

  @BeforeEach
  void openReplica() {
    interceptor = new CodedElementValidationInterceptor(SmallTerminology.over(directory), SmallTerminology.GRAMMARS,
        InvalidUnits.REJECT);
  }

  @Test
  void acceptsKnownCodesAndSystemsNotHeld() {
    Condition condition = new Condition();
    condition.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("44054006");
    condition.getCode().addCoding().setSystem(ICD10CM).setCode("E11.9").setDisplay("a display that differs");
    assertThatNoException().isThrownBy(() -> interceptor.created(condition));
  }

  @Test
  void refusesAnUnknownCodeOfACompleteSystemNamingItsPath() {
    Condition condition = new Condition();
    condition.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("44054006");
    condition.getCode().addCoding().setSystem(ICD10CM).setCode("E11.99X");
    UnprocessableEntityException refused =
        catchThrowableOfType(() -> interceptor.created(condition), UnprocessableEntityException.class);
    OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
    assertThat(outcome.getIssue()).hasSize(1);
    assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("Condition.code.coding[1]");
    assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("SIHHA-1371: ").contains(ICD10CM)
        .contains("E11.99X");
    assertThat(refused.getMessage()).startsWith("SIHHA-1370: ");
  }

  @Test
  void acceptsAnUnknownCodeOfAFragment() {
    Observation observation = new Observation();
    observation.getCode().addCoding().setSystem(LOINC).setCode("99999-9");
    observation.setValue(new Quantity(5.4).setSystem(UCUM).setCode("mmol/L"));
    assertThatNoException().isThrownBy(() -> interceptor.created(observation));
  }

  @Test
  void refusesAnInvalidUnitAndEveryOtherBadElementOnUpdate() {
    Observation observation = new Observation();
    observation.getCode().addCoding().setSystem(LOINC).setCode("2339-0");
    observation.addCategory().addCoding().setSystem(ICD10CM).setCode("Z99.999");
    observation.addComponent().setValue(new Quantity(1).setSystem(UCUM).setCode("mm Hg!"));
    UnprocessableEntityException refused = catchThrowableOfType(
        () -> interceptor.updated(new Observation(), observation), UnprocessableEntityException.class);
    OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
    assertThat(outcome.getIssue()).extracting(i -> i.getExpression().get(0).getValue())
        .containsExactlyInAnyOrder("Observation.category[0].coding[0]", "Observation.component[0].valueQuantity");
  }

  @Test
  void acceptsAnInvalidUnitWhenToldToWarnButStillRefusesUnknownCodes() {
    CodedElementValidationInterceptor warning = new CodedElementValidationInterceptor(
        SmallTerminology.over(directory), SmallTerminology.GRAMMARS, InvalidUnits.WARN);
    Observation legacyUnit = new Observation();
    legacyUnit.setValue(new Quantity(3).setSystem(UCUM).setCode("mm Hg!"));
    assertThatNoException().isThrownBy(() -> warning.created(legacyUnit));
    Observation unknownCode = new Observation();
    unknownCode.addCategory().addCoding().setSystem(ICD10CM).setCode("Z99.999");
    assertThat(catchThrowableOfType(() -> warning.created(unknownCode), UnprocessableEntityException.class))
        .isNotNull();
  }
}
