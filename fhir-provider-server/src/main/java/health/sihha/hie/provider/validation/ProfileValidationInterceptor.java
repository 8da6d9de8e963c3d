package health.sihha.hie.provider.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import health.sihha.hie.ig.ProfileSelector;
import health.sihha.hie.ig.Profiles;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.provider.validation.BeforeTransactionValidation.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Nullable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * Refuses a write that does not conform to the Implementation Guide: every resource is validated against the core
 * specification and, when the IG profiles it, against the profile its content selects (a ward, a bed, a
 * hospitalization, a lab result, ...), whether or not it declares that profile. Errors refuse the write with 422 and
 * one issue per error naming the element and the rule; warnings (an unknown code of a code system held only in part,
 * an extensible binding not met) do not.
 */
@Interceptor(order = HieOrder.PROFILE_VALIDATION)
public final class ProfileValidationInterceptor {

  private static final String SUBSCRIPTIONS_BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/";

  private final FhirContext fhirContext;
  private final FhirValidator validator;
  private final ProfileSelector profiles;
  private final MalformedUnitTolerance tolerance;
  private final Map<Stage, Counter> validated;

  /** Where a resource was validated: before the write's transaction opened, or at storage inside it. */
  enum Stage {
    BEFORE_TRANSACTION("before-transaction"), AT_STORAGE("at-storage");

    private final String tag;

    Stage(String tag) {
      this.tag = tag;
    }
  }

  ProfileValidationInterceptor(FhirContext fhirContext, FhirValidator validator, ProfileSelector profiles,
      MalformedUnitTolerance tolerance, MeterRegistry meters) {
    this.fhirContext = fhirContext;
    this.validator = validator;
    this.profiles = profiles;
    this.tolerance = tolerance;
    this.validated = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      validated.put(stage, meters.counter("sihha.validation.resources", "stage", stage.tag));
    }
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void created(IBaseResource resource, RequestDetails request) {
    atStorage(resource, request);
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
    atStorage(resource, request);
  }

  private void atStorage(IBaseResource resource, RequestDetails request) {
    if (writtenByTheServersAudit(resource, request)) {
      return;
    }
    BeforeTransactionValidation.verdictBefore(request, resource)
        .ifPresentOrElse(Verdict::give, () -> validate(resource, Stage.AT_STORAGE));
  }

  /**
   * The AuditEvents the server builds itself (one per audited interaction, stored as the server) are not input: they
   * are checked once by the tests ({@code ServerAuditEventsTest}), not on every write. Validating each one doubled
   * the validator's work on a write: about a fifth of a provider's CPU when it ingests Synthea transactions. An
   * AuditEvent a client sends is validated like any other resource.
   */
  private static boolean writtenByTheServersAudit(IBaseResource resource, RequestDetails request) {
    return resource instanceof AuditEvent && request instanceof SystemRequestDetails;
  }

  void validate(IBaseResource resource, Stage stage) {
    validated.get(stage).increment();
    String profile = profiles.profileFor(resource).orElse(null);
    ValidationOptions options = new ValidationOptions();
    if (profile != null) {
      options.addProfile(profile);
    }
    List<SingleValidationMessage> errors = validator.validateWithResult(resource, options).getMessages().stream()
        .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
        .filter(m -> !tolerated(resource, profile, m))
        .toList();
    if (!errors.isEmpty()) {
      throw new UnprocessableEntityException(fhirContext, outcome(resource, profile, errors));
    }
  }

  /**
   * Lab results need a well-formed UCUM unit whatever the policy: their values are compared and converted. The
   * Subscriptions Backport IG is not among the packages this server loads, so a backport profile the server declares
   * on its own Subscription (the outbox's) cannot be resolved; it is taken as a label, not an error.
   */
  private boolean tolerated(IBaseResource resource, @Nullable String profile, SingleValidationMessage message) {
    if (message.getMessage() != null && message.getMessage().contains(SUBSCRIPTIONS_BACKPORT)) {
      return true;
    }
    return !Profiles.OBSERVATION_LAB.equals(profile) && tolerance.tolerates(resource, message);
  }

  private static OperationOutcome outcome(IBaseResource resource, @Nullable String profile,
      List<SingleValidationMessage> errors) {
    OperationOutcome outcome = new OperationOutcome();
    String type = resource.fhirType();
    outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.INVALID)
        .setDiagnostics(Codes.of(1200) + type + " does not conform to " + (profile == null ? "the FHIR R4 specification" : profile)
            + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors"));
    for (SingleValidationMessage error : errors) {
      OperationOutcomeIssueComponent issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR)
          .setCode(IssueType.INVALID)
          .setDiagnostics(Codes.of(1201) + error.getLocationString() + ": " + error.getMessage()
              + (error.getMessageId() == null ? "" : " [" + error.getMessageId() + "]"));
      if (error.getLocationString() != null) {
        issue.addExpression(error.getLocationString()).addLocation(error.getLocationString());
      }
    }
    return outcome;
  }
}
