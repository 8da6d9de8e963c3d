package health.sihha.hie.terminology.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** Every bad request gets an OperationOutcome with the right status and a message that says what to do. */
class BadInputTest extends TerminologyServerTest {

  @Test
  void unknownValueSetOrCodeSystemIs404() {
    assertOutcome(get("ValueSet/$expand?url=http://example.org/nope&filter=a"), 404, "is not known here");
    assertOutcome(get("ValueSet/nope/$expand?filter=a"), 404, "is not known here");
    assertOutcome(get("CodeSystem/$lookup?system=http://example.org/nope&code=a"), 404, "is not known here");
    assertOutcome(get("CodeSystem/$validate-code?url=http://example.org/nope&code=a"), 404, "is not known here");
    assertOutcome(get("CodeSystem/$lookup?system=" + ICD + "&code=NOPE"), 404, "NOPE");
  }

  @Test
  void pagingOutOfBoundsIs400() {
    String all = "ValueSet/$expand?url=" + URLEncoder.encode(ICD + "?fhir_vs", StandardCharsets.UTF_8);
    assertOutcome(get(all + "&filter=diab&count=5000"), 400, "count must be between 0 and 1000");
    assertOutcome(get(all + "&filter=diab&offset=-1&count=10"), 400, "offset must be 0 or more");
    assertOutcome(get(all), 400, "narrow it with 'filter'");
    assertThat(get(all + "&count=20&offset=100").statusCode()).isEqualTo(200);
  }

  @Test
  void missingParametersAre400() {
    assertOutcome(get("ValueSet/$expand?filter=a"), 400, "say which value set");
    assertOutcome(get("CodeSystem/$lookup?code=E11"), 400, "system");
  }

  @Test
  void malformedOrIncompleteResourcesAreRefused() {
    assertOutcome(post("CodeSystem", "application/fhir+json", "{\"resourceType\":\"CodeSystem\",".getBytes(
        StandardCharsets.UTF_8)), 400, "");
    assertOutcome(post("CodeSystem", "application/fhir+json",
        "{\"resourceType\":\"CodeSystem\",\"status\":\"active\",\"content\":\"complete\"}".getBytes(
            StandardCharsets.UTF_8)), 422, "url is required");
  }

  @Test
  void aBadUploadIsRefusedAndTheCurrentVersionKeepsServing() {
    assertOutcome(post("CodeSystem/$load?system=icd10cm&version=2099&filename=icd10cm_codes_2099.csv",
        "text/csv", "this,is\nnot,icd\n".getBytes(StandardCharsets.UTF_8)), 400, "nothing was changed");
    assertOutcome(post("CodeSystem/$load?system=snomed", "application/zip", new byte[] {1, 2, 3}), 400,
        "icd10cm");
    HttpResponse<String> stillThere = get("CodeSystem/$lookup?system=" + ICD + "&code=E11.9");
    assertThat(stillThere.statusCode()).isEqualTo(200);
    assertThat(stillThere.body()).contains("\"2021\"");
  }

  private static void assertOutcome(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
    assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(message);
  }
}
