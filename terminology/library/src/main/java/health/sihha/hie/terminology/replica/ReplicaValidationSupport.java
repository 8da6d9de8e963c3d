package health.sihha.hie.terminology.replica;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.expand.CompiledValueSet;
import health.sihha.hie.terminology.expand.ImplicitValueSets;
import health.sihha.hie.terminology.expand.ValueSetExpander;
import health.sihha.hie.terminology.grammar.GrammarCodeSystem;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.index.Designation;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import health.sihha.hie.terminology.validate.CodeValidation;
import jakarta.annotation.Nullable;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica as a link of HAPI's validation support chain: answers for the code systems and value sets it holds,
 * and returns null for everything else so that the next link answers. An unknown code in a code system held only in
 * part is a warning, not an error.
 */
public final class ReplicaValidationSupport implements IValidationSupport {

  private static final Logger log = LoggerFactory.getLogger(ReplicaValidationSupport.class);

  private final FhirContext fhirContext;
  private final HeldCodes held;

  public ReplicaValidationSupport(FhirContext fhirContext, Terminology terminology, GrammarCodeSystems grammars) {
    this.fhirContext = fhirContext;
    this.held = new HeldCodes(terminology, grammars);
  }

  @Override
  public FhirContext getFhirContext() {
    return fhirContext;
  }

  @Override
  public String getName() {
    return "sihha-terminology-replica";
  }

  @Override
  public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
    return system != null && held.knows(system);
  }

  @Override
  public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
    return valueSetUrl != null && ImplicitValueSets.resolve(held.snapshot(), valueSetUrl, null).isPresent();
  }

  /**
   * The code system's metadata without its concepts, marked {@code not-present}: HAPI's in-memory terminology support
   * would otherwise read the missing concept list as "no such code" and fail value sets over held systems (the core
   * {@code units-of-time} over UCUM), instead of asking this link to validate the code.
   */
  @Override
  public IBaseResource fetchCodeSystem(String system) {
    return held.codeSystem(held.snapshot(), system, null).map(index -> notPresent(index.summary())).orElse(null);
  }

  private static CodeSystem notPresent(CodeSystem summary) {
    CodeSystem copy = summary.copy();
    copy.setContent(CodeSystemContentMode.NOTPRESENT);
    copy.getConcept().clear();
    return copy;
  }

  @Override
  public IBaseResource fetchValueSet(String valueSetUrl) {
    return held.snapshot().valueSet(valueSetUrl, null, null).map(ValueSet::copy).orElse(null);
  }

  @Override
  @Nullable
  public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
      String system, String code, String display, @Nullable String valueSetUrl) {
    TerminologySnapshot snapshot = held.snapshot();
    if (valueSetUrl != null) {
      return ImplicitValueSets.resolve(snapshot, valueSetUrl, null)
          .map(valueSet -> inValueSet(snapshot, valueSet, system, code, display))
          .orElse(null);
    }
    if (system == null || code == null) {
      return null;
    }
    return held.check(snapshot, system, null, code, display).map(v -> result(v, system, code)).orElse(null);
  }

  @Override
  @Nullable
  public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context,
      ConceptValidationOptions options, String system, String code, String display, IBaseResource valueSet) {
    if (!(valueSet instanceof ValueSet r4ValueSet)) {
      return null;
    }
    return inValueSet(held.snapshot(), r4ValueSet, system, code, display);
  }

  @Override
  @Nullable
  public LookupCodeResult lookupCode(ValidationSupportContext context, LookupCodeRequest request) {
    String system = request.getSystem();
    String code = request.getCode();
    if (system == null || code == null) {
      return null;
    }
    TerminologySnapshot snapshot = held.snapshot();
    Optional<ConceptIndex> index = held.codeSystem(snapshot, system, null);
    Optional<GrammarCodeSystem> grammar = held.grammar(system);
    if (index.isEmpty() && grammar.isEmpty()) {
      return null;
    }
    Optional<Integer> concept = index.flatMap(i -> i.find(code));
    if (concept.isPresent()) {
      return found(index.get(), concept.get(), request);
    }
    if (grammar.isPresent() && grammar.get().invalidReason(code).isEmpty()) {
      LookupCodeResult result = new LookupCodeResult().setFound(true).setSearchedForSystem(system)
          .setSearchedForCode(code);
      result.setCodeDisplay(grammar.get().describe(code));
      return result;
    }
    return LookupCodeResult.notFound(system, code);
  }

  private static LookupCodeResult found(ConceptIndex index, int concept, LookupCodeRequest request) {
    LookupCodeResult result = new LookupCodeResult().setFound(true).setSearchedForSystem(request.getSystem())
        .setSearchedForCode(request.getCode());
    result.setCodeDisplay(index.display(concept, request.getDisplayLanguage()));
    result.setCodeSystemVersion(index.version());
    result.setCodeSystemDisplayName(index.summary().hasName() ? index.summary().getName() : index.system());
    result.setCodeIsAbstract(index.isNotSelectable(concept));
    for (Designation designation : index.designations(concept)) {
      ConceptDesignation out = new ConceptDesignation().setLanguage(designation.language())
          .setValue(designation.value());
      if (designation.use() != null) {
        out.setUseSystem(designation.use().getSystem()).setUseCode(designation.use().getCode())
            .setUseDisplay(designation.use().getDisplay());
      }
      result.getDesignations().add(out);
    }
    return result;
  }

  @Nullable
  private CodeValidationResult inValueSet(TerminologySnapshot snapshot, ValueSet valueSet, @Nullable String system,
      String code, @Nullable String display) {
    CompiledValueSet compiled;
    try {
      compiled = ValueSetExpander.compile(snapshot, valueSet, null);
    } catch (BaseServerResponseException e) {
      log.debug("Value set {} is not answerable from the replica: {}", valueSet.getUrl(), e.getMessage());
      return null;
    }
    CodeValidation validation = held.terminology().validator()
        .inValueSet(compiled, valueSet.getUrl(), system, null, code, display);
    return result(validation, system, code);
  }

  private static CodeValidationResult result(CodeValidation validation, @Nullable String system, String code) {
    CodeValidationResult result = new CodeValidationResult().setCodeSystemName(system)
        .setDisplay(validation.display()).setMessage(validation.message());
    if (validation.valid()) {
      result.setCode(code);
    }
    switch (validation.severity()) {
      case ERROR -> result.setSeverity(IssueSeverity.ERROR);
      case WARNING -> result.setSeverity(IssueSeverity.WARNING);
      case INFORMATION -> result.setSeverity(IssueSeverity.INFORMATION);
      case NONE -> { }
    }
    return result;
  }
}
