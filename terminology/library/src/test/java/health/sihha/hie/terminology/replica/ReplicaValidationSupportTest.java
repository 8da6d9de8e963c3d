package health.sihha.hie.terminology.replica;

import static health.sihha.hie.terminology.replica.SmallTerminology.DIABETES;
import static health.sihha.hie.terminology.replica.SmallTerminology.FHIR;
import static health.sihha.hie.terminology.replica.SmallTerminology.ICD10CM;
import static health.sihha.hie.terminology.replica.SmallTerminology.LOINC;
import static health.sihha.hie.terminology.replica.SmallTerminology.UCUM;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity;
import ca.uhn.fhir.context.support.IValidationSupport.LookupCodeResult;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaValidationSupportTest {

  private static final String SNOMED = "http://snomed.info/sct";

  @TempDir
  Path directory;

  private ReplicaValidationSupport support;
  private ValidationSupportContext context;
  private final ConceptValidationOptions options = new ConceptValidationOptions();

  @BeforeEach
  void openReplica() {
    support = new ReplicaValidationSupport(FHIR, SmallTerminology.over(directory), SmallTerminology.GRAMMARS);
    context = new ValidationSupportContext(support);
  }

  @Test
  void supportsOnlyWhatItHolds() {
    assertThat(support.isCodeSystemSupported(context, ICD10CM)).isTrue();
    assertThat(support.isCodeSystemSupported(context, LOINC)).isTrue();
    assertThat(support.isCodeSystemSupported(context, UCUM)).as("grammar").isTrue();
    assertThat(support.isCodeSystemSupported(context, SNOMED)).isFalse();
    assertThat(support.isValueSetSupported(context, DIABETES)).isTrue();
    assertThat(support.isValueSetSupported(context, ICD10CM + "?fhir_vs")).as("implicit").isTrue();
    assertThat(support.isValueSetSupported(context, "http://example.org/ValueSet/other")).isFalse();
  }

  @Test
  void knownCodeIsValidWithItsDisplay() {
    CodeValidationResult result = support.validateCode(context, options, ICD10CM, "E11.9", null, null);
    assertThat(result.isOk()).isTrue();
    assertThat(result.getCode()).isEqualTo("E11.9");
    assertThat(result.getDisplay()).isEqualTo("Type 2 diabetes mellitus without complications");
    assertThat(result.getSeverity()).isNull();
  }

  @Test
  void unknownCodeInCompleteSystemIsAnError() {
    CodeValidationResult result = support.validateCode(context, options, ICD10CM, "E11.99X", null, null);
    assertThat(result.isOk()).isFalse();
    assertThat(result.getSeverity()).isEqualTo(IssueSeverity.ERROR);
    assertThat(result.getMessage()).contains("E11.99X").contains(ICD10CM);
  }

  @Test
  void unknownCodeInFragmentIsOnlyAWarning() {
    CodeValidationResult result = support.validateCode(context, options, LOINC, "99999-9", null, null);
    assertThat(result.getCode()).isNull();
    assertThat(result.getSeverity()).isEqualTo(IssueSeverity.WARNING);
    assertThat(result.getMessage()).contains("only held in part");
  }

  @Test
  void wrongDisplayIsAWarningOnAValidCode() {
    CodeValidationResult result = support.validateCode(context, options, ICD10CM, "I10", "Hypotension", null);
    assertThat(result.isOk()).isTrue();
    assertThat(result.getSeverity()).isEqualTo(IssueSeverity.WARNING);
  }

  @Test
  void grammarSystemAcceptsWellFormedExpressionsOnly() {
    assertThat(support.validateCode(context, options, UCUM, "mg/dL", null, null).isOk()).isTrue();
    CodeValidationResult bad = support.validateCode(context, options, UCUM, "mg dL!", null, null);
    assertThat(bad.isOk()).isFalse();
    assertThat(bad.getSeverity()).isEqualTo(IssueSeverity.ERROR);
  }

  @Test
  void systemsNotHeldAreLeftToTheNextLink() {
    assertThat(support.validateCode(context, options, SNOMED, "44054006", null, null)).isNull();
    assertThat(support.lookupCode(context, new LookupCodeRequest(SNOMED, "44054006"))).isNull();
    assertThat(support.fetchCodeSystem(SNOMED)).isNull();
    assertThat(support.validateCode(context, options, ICD10CM, "E11.9", null,
        "http://example.org/ValueSet/other")).isNull();
  }

  @Test
  void validatesAgainstAStoredValueSet() {
    assertThat(support.validateCode(context, options, ICD10CM, "E10.9", null, DIABETES).isOk()).isTrue();
    CodeValidationResult outside = support.validateCode(context, options, ICD10CM, "I10", null, DIABETES);
    assertThat(outside.isOk()).isFalse();
    assertThat(outside.getSeverity()).isEqualTo(IssueSeverity.ERROR);
  }

  @Test
  void validatesAgainstAValueSetGivenInline() {
    ValueSet hypertension = new ValueSet();
    hypertension.setUrl("http://example.org/ValueSet/hypertension");
    hypertension.getCompose().addInclude().setSystem(ICD10CM).addConcept().setCode("I10");
    assertThat(support.validateCodeInValueSet(context, options, ICD10CM, "I10", null, hypertension).isOk())
        .isTrue();
    assertThat(support.validateCodeInValueSet(context, options, ICD10CM, "E11.9", null, hypertension).isOk())
        .isFalse();

    ValueSet snomedOnly = new ValueSet();
    snomedOnly.setUrl("http://example.org/ValueSet/snomed");
    snomedOnly.getCompose().addInclude().setSystem(SNOMED);
    assertThat(support.validateCodeInValueSet(context, options, SNOMED, "1", null, snomedOnly))
        .as("a value set over systems not held is left to the next link").isNull();
  }

  @Test
  void looksUpCodes() {
    LookupCodeResult found = support.lookupCode(context, new LookupCodeRequest(ICD10CM, "I10"));
    assertThat(found.isFound()).isTrue();
    assertThat(found.getCodeDisplay()).isEqualTo("Essential (primary) hypertension");
    assertThat(found.getCodeSystemVersion()).isEqualTo("2021");
    assertThat(support.lookupCode(context, new LookupCodeRequest(ICD10CM, "nope")).isFound()).isFalse();
    assertThat(support.lookupCode(context, new LookupCodeRequest(UCUM, "kg/m2")).isFound()).isTrue();
  }

  @Test
  void fetchesMetadataWithoutConcepts() {
    CodeSystem codeSystem = (CodeSystem) support.fetchCodeSystem(ICD10CM);
    assertThat(codeSystem.getUrl()).isEqualTo(ICD10CM);
    assertThat(codeSystem.getConcept()).isEmpty();
    assertThat(((ValueSet) support.fetchValueSet(DIABETES)).getCompose().getInclude()).hasSize(1);
    assertThat(support.fetchValueSet("http://example.org/ValueSet/other")).isNull();
  }
}
