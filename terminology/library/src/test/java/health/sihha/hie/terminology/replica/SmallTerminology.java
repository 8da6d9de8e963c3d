package health.sihha.hie.terminology.replica;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.expand.ExpansionLimits;
import health.sihha.hie.terminology.grammar.GrammarCodeSystem;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;

/** A complete ICD-10-CM excerpt, a LOINC fragment, a value set and a toy UCUM grammar, for the replica tests. */
final class SmallTerminology {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
  static final String LOINC = "http://loinc.org";
  static final String UCUM = "http://unitsofmeasure.org";
  static final String DIABETES = "https://sihha.health/fhir/ValueSet/diabetes";

  /** Accepts letters, digits, '/', '.', '[', ']', '{', '}' and '%'; enough to tell good units from garbage. */
  static final GrammarCodeSystems GRAMMARS = new GrammarCodeSystems(List.of(new GrammarCodeSystem() {
    @Override
    public String system() {
      return UCUM;
    }

    @Override
    public Optional<String> invalidReason(String expression) {
      return expression.matches("[A-Za-z0-9/.\\[\\]{}%]+") ? Optional.empty() : Optional.of("unexpected character");
    }

    @Override
    public String describe(String expression) {
      return expression;
    }
  }));

  private SmallTerminology() {}

  static Terminology over(Path directory) {
    TerminologyRegistry registry = TerminologyRegistry.open(FHIR, directory);
    if (registry.snapshot().summaries(org.hl7.fhir.r4.model.ResourceType.CodeSystem).isEmpty()) {
      registry.put(icd10cm());
      registry.put(loincFragment());
      registry.put(diabetes());
    }
    return Terminology.over(registry, GRAMMARS, ExpansionLimits.DEFAULT);
  }

  static CodeSystem icd10cm() {
    CodeSystem codeSystem = new CodeSystem();
    codeSystem.setId("icd10cm");
    codeSystem.setUrl(ICD10CM).setVersion("2021").setName("ICD10CM").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystemContentMode.COMPLETE);
    codeSystem.addConcept().setCode("E11.9").setDisplay("Type 2 diabetes mellitus without complications");
    codeSystem.addConcept().setCode("E10.9").setDisplay("Type 1 diabetes mellitus without complications");
    codeSystem.addConcept().setCode("I10").setDisplay("Essential (primary) hypertension");
    return codeSystem;
  }

  static CodeSystem loincFragment() {
    CodeSystem codeSystem = new CodeSystem();
    codeSystem.setId("loinc");
    codeSystem.setUrl(LOINC).setVersion("2.77").setName("LOINC").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystemContentMode.FRAGMENT);
    codeSystem.addConcept().setCode("8480-6").setDisplay("Systolic blood pressure");
    codeSystem.addConcept().setCode("2339-0").setDisplay("Glucose [Mass/volume] in Blood");
    return codeSystem;
  }

  static ValueSet diabetes() {
    ValueSet valueSet = new ValueSet();
    valueSet.setId("diabetes");
    valueSet.setUrl(DIABETES).setName("Diabetes").setStatus(PublicationStatus.ACTIVE);
    valueSet.getCompose().addInclude().setSystem(ICD10CM).addConcept().setCode("E11.9");
    valueSet.getCompose().getIncludeFirstRep().addConcept().setCode("E10.9");
    return valueSet;
  }
}
