package health.sihha.hie.server.cors;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.Codes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS checks, with the refusal of a foreign origin as a FHIR OperationOutcome (403). */
final class OperationOutcomeCorsProcessor extends DefaultCorsProcessor {

  private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

  private final FhirContext fhirContext;

  OperationOutcomeCorsProcessor(FhirContext fhirContext) {
    this.fhirContext = fhirContext;
  }

  @Override
  protected void rejectRequest(ServerHttpResponse response) throws IOException {
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.FORBIDDEN)
        .setDiagnostics(Codes.of(1080) + "cross-origin request from an origin that sihha.fhir.cors.allowed-origins "
            + "does not list, or with a method or header CORS does not allow");
    response.setStatusCode(HttpStatus.FORBIDDEN);
    response.getHeaders().setContentType(FHIR_JSON);
    response.getBody().write(fhirContext.newJsonParser().encodeResourceToString(outcome)
        .getBytes(StandardCharsets.UTF_8));
    response.flush();
  }
}
