package health.sihha.hie.terminology.validate;

import static health.sihha.hie.terminology.Fixtures.ICD;
import static health.sihha.hie.terminology.Fixtures.LOINC;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.terminology.Fixtures;
import health.sihha.hie.terminology.expand.CompiledValueSet;
import health.sihha.hie.terminology.expand.ValueSetExpander;
import health.sihha.hie.terminology.grammar.GrammarCodeSystem;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import health.sihha.hie.terminology.validate.CodeValidation.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.FilterOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeValidatorTest {

  private static final String UNITS = "http://unitsofmeasure.org";

  @TempDir Path dir;
  private TerminologyRegistry registry;
  private final CodeValidator validator = new CodeValidator(new GrammarCodeSystems(List.of(new LettersOnly())));

  @BeforeEach
  void load() {
    registry = TerminologyRegistry.open(FhirContext.forR4Cached(), dir);
    registry.put(Fixtures.icdSlice("2021"));
    registry.put(Fixtures.loincFragment());
    registry.put(new CodeSystem().setUrl(UNITS).setVersion("2.1").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystemContentMode.FRAGMENT));
  }

  @Test
  void knownCodeIsValidWithItsDisplay() {
    CodeValidation verdict = validator.inCodeSystem(icd(), "E11.9", null);
    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.severity()).isEqualTo(Severity.NONE);
    assertThat(verdict.display()).isEqualTo("Type 2 diabetes mellitus without complications");
  }

  @Test
  void unknownCodeInACompleteCodeSystemIsAnError() {
    CodeValidation verdict = validator.inCodeSystem(icd(), "E11.99", null);
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.severity()).isEqualTo(Severity.ERROR);
    assertThat(verdict.message()).contains("E11.99", ICD);
  }

  @Test
  void unknownCodeInAFragmentIsOnlyAWarning() {
    ConceptIndex loinc = registry.snapshot().codeSystem(LOINC, null).orElseThrow();
    CodeValidation verdict = validator.inCodeSystem(loinc, "8480-6", null);
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.severity()).isEqualTo(Severity.WARNING);
    assertThat(verdict.message()).contains("only held in part");
  }

  @Test
  void wrongDisplayIsAWarningOnAValidCode() {
    CodeValidation verdict = validator.inCodeSystem(icd(), "E11.9", "Diabetes");
    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.severity()).isEqualTo(Severity.WARNING);
    assertThat(validator.inCodeSystem(icd(), "E11", "diabète sucré de type 2").severity()).isEqualTo(Severity.NONE);
  }

  @Test
  void grammarCodeSystemsAcceptWellFormedExpressionsOnly() {
    ConceptIndex units = registry.snapshot().codeSystem(UNITS, null).orElseThrow();
    assertThat(validator.inCodeSystem(units, "mg", null).valid()).isTrue();
    CodeValidation bad = validator.inCodeSystem(units, "mg/dL2", null);
    assertThat(bad.valid()).isFalse();
    assertThat(bad.severity()).isEqualTo(Severity.ERROR);
  }

  @Test
  void valueSetMembership() {
    ValueSet diabetes = new ValueSet().setUrl("http://example.org/diabetes").setStatus(PublicationStatus.ACTIVE);
    diabetes.getCompose().addInclude().setSystem(ICD).addFilter().setProperty("concept").setOp(FilterOperator.ISA)
        .setValue("E11");
    CompiledValueSet compiled = ValueSetExpander.compile(registry.snapshot(), diabetes, null);
    assertThat(validator.inValueSet(compiled, diabetes.getUrl(), ICD, null, "E11.65", null).valid()).isTrue();
    assertThat(validator.inValueSet(compiled, diabetes.getUrl(), null, null, "E11.65", null).valid()).isTrue();
    CodeValidation outside = validator.inValueSet(compiled, diabetes.getUrl(), ICD, null, "I10", null);
    assertThat(outside.valid()).isFalse();
    assertThat(outside.message()).contains("not in value set");
    assertThat(validator.inValueSet(compiled, diabetes.getUrl(), LOINC, null, "718-7", null).message())
        .contains("has no codes from");
  }

  private ConceptIndex icd() {
    return registry.snapshot().codeSystem(ICD, null).orElseThrow();
  }

  /** A stand-in grammar for the test: any run of letters is a valid unit. */
  private static final class LettersOnly implements GrammarCodeSystem {
    @Override
    public String system() {
      return UNITS;
    }

    @Override
    public Optional<String> invalidReason(String expression) {
      return expression.matches("[A-Za-z]+") ? Optional.empty() : Optional.of("letters only");
    }

    @Override
    public String describe(String expression) {
      return "unit " + expression;
    }
  }
}
