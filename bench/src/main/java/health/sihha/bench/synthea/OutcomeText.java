package health.sihha.bench.synthea;

import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/** An OperationOutcome as lines a person can read: one per issue, severity, code, diagnostics and location. */
final class OutcomeText {

  private OutcomeText() {}

  static String of(OperationOutcome outcome) {
    return outcome.getIssue().stream().map(OutcomeText::issue).collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  private static String issue(OperationOutcomeIssueComponent issue) {
    StringBuilder line = new StringBuilder()
        .append(issue.hasSeverity() ? issue.getSeverity().toCode() : "?")
        .append(' ')
        .append(issue.hasCode() ? issue.getCode().toCode() : "?")
        .append(": ")
        .append(issue.getDiagnostics());
    if (issue.hasLocation()) {
      line.append(" at ").append(issue.getLocation());
    }
    return line.toString();
  }
}
