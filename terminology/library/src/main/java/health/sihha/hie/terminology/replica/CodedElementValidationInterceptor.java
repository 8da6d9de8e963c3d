package health.sihha.hie.terminology.replica;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.IModelVisitor2;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import health.sihha.hie.terminology.validate.CodeValidation;
import health.sihha.hie.terminology.validate.CodeValidation.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseExtension;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Quantity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a write whose codings or quantity units are wrong in a code system the replica holds in full, or are not
 * valid expressions of a grammar-based system (UCUM). Codes of systems not held (SNOMED CT, CVX, ...) and unknown
 * codes of systems held only in part pass: the replica cannot tell. Displays are not checked.
 */
@Interceptor(order = HieOrder.CODED_ELEMENTS)
public final class CodedElementValidationInterceptor {

  private static final Logger log = LoggerFactory.getLogger(CodedElementValidationInterceptor.class);

  /** What to do with a quantity whose unit is not a valid expression of its (grammar-based) system. */
  public enum InvalidUnits {
    /** Refuse the write, as for an unknown code. */
    REJECT,
    /**
     * Accept it and log a warning: the unit text still tells a reader what the value means, and real feeds carry
     * legacy notations (Synthea writes {@code (score)} for UCUM's {@code {score}}).
     */
    WARN
  }

  private final HeldCodes held;
  private final InvalidUnits invalidUnits;

  public CodedElementValidationInterceptor(Terminology terminology, GrammarCodeSystems grammars,
      InvalidUnits invalidUnits) {
    this.held = new HeldCodes(terminology, grammars);
    this.invalidUnits = invalidUnits;
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    check(resource);
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource) {
    check(resource);
  }

  /** Throws 422 with one issue per wrong element; returns quietly when every held code is right. */
  void check(IBaseResource resource) {
    TerminologySnapshot snapshot = held.snapshot();
    List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>();
    FhirTerser terser = held.terminology().registry().fhirContext().newTerser();
    terser.visit(resource, new IModelVisitor2() {
      @Override
      public boolean acceptElement(IBase element, List<IBase> containing,
          List<BaseRuntimeChildDefinition> children, List<BaseRuntimeElementDefinition<?>> definitions) {
        if (element instanceof Coding coding && coding.hasSystem() && coding.hasCode()) {
          verdict(snapshot, coding.getSystem(), coding.getVersion(), coding.getCode(), "code")
              .ifPresent(message -> issues.add(issue(path(resource, containing, children), message)));
        } else if (element instanceof Quantity quantity && quantity.hasSystem() && quantity.hasCode()) {
          verdict(snapshot, quantity.getSystem(), null, quantity.getCode(), "unit").ifPresent(message -> {
            String path = path(resource, containing, children);
            if (invalidUnits == InvalidUnits.REJECT) {
              issues.add(issue(path, message));
            } else {
              log.warn("Accepted {} with an invalid unit at {}: {}", resource.fhirType(), path, message);
            }
          });
        }
        return true;
      }

      @Override
      public boolean acceptUndeclaredExtension(IBaseExtension<?, ?> extension, List<IBase> containing,
          List<BaseRuntimeChildDefinition> children, List<BaseRuntimeElementDefinition<?>> definitions) {
        return true;
      }
    });
    if (!issues.isEmpty()) {
      OperationOutcome outcome = new OperationOutcome();
      issues.forEach(outcome::addIssue);
      throw new UnprocessableEntityException(Codes.of(1370) + issues.size() + " coded element(s) of "
          + resource.fhirType() + " are not valid: " + issues.get(0).getDiagnostics(), outcome);
    }
  }

  /** Why the code is wrong; empty when it is right or cannot be judged here. */
  private Optional<String> verdict(TerminologySnapshot snapshot, String system, String version, String code,
      String what) {
    Optional<CodeValidation> validation = held.check(snapshot, system, version, code, null);
    if (validation.isEmpty() || validation.get().valid()) {
      return Optional.empty();
    }
    if (validation.get().severity() != Severity.ERROR) {
      log.debug("Accepted {} {}#{}: {}", what, system, code, validation.get().message());
      return Optional.empty();
    }
    return Optional.of(Codes.of(1371) + "unknown " + what + " '" + code + "' of " + system + ": "
        + validation.get().message());
  }

  private static OperationOutcome.OperationOutcomeIssueComponent issue(String path, String message) {
    OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent();
    issue.setSeverity(IssueSeverity.ERROR).setCode(IssueType.CODEINVALID).setDiagnostics(message);
    issue.addExpression(path);
    issue.addLocation(path);
    return issue;
  }

  /** The element's FHIRPath-like path, e.g. {@code Condition.code.coding[0]} or {@code Observation.valueQuantity}. */
  private static String path(IBaseResource resource, List<IBase> containing, List<BaseRuntimeChildDefinition> children) {
    StringBuilder path = new StringBuilder(resource.fhirType());
    for (int i = 1; i < containing.size(); i++) {
      IBase parent = containing.get(i - 1);
      IBase element = containing.get(i);
      BaseRuntimeChildDefinition child = children.get(i - 1);
      String name = child.getChildNameByDatatype(element.getClass());
      path.append('.').append(name != null ? name : child.getElementName());
      if (child.getMax() != 1) {
        List<IBase> values = child.getAccessor().getValues(parent);
        for (int index = 0; index < values.size(); index++) {
          if (values.get(index) == element) {
            path.append('[').append(index).append(']');
            break;
          }
        }
      }
    }
    return path.toString();
  }
}
