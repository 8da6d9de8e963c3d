package health.sihha.hie.provider;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.SummaryEnum;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

/** Every bad request gets a 4xx OperationOutcome and leaves the store as it was. */
class BadInputTest extends ProviderServerTest {

  private static final String FHIR_JSON = "application/fhir+json";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void malformedJsonIsRefused() throws Exception {
    long before = count("Patient");
    HttpResponse<String> response = post("/Patient", FHIR_JSON, "{\"resourceType\":\"Patient\",\"name\":[");
    assertOutcome(response, 400);
    assertThat(count("Patient")).isEqualTo(before);
  }

  @Test
  void unknownResourceTypeIsRefused() throws Exception {
    assertOutcome(post("/Spaceship", FHIR_JSON, "{\"resourceType\":\"Spaceship\"}"), 404);
  }

  @Test
  void danglingReferenceIsRefused() throws Exception {
    long before = count("Observation");
    String observation = """
        {"resourceType":"Observation","status":"final","code":{"text":"weight"},
         "subject":{"reference":"Patient/does-not-exist"}}""";
    HttpResponse<String> response = post("/Observation", FHIR_JSON, observation);
    assertOutcome(response, 400);
    assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("Patient/does-not-exist");
    assertThat(count("Observation")).isEqualTo(before);
  }

  @Test
  void transactionWithOneBadEntryStoresNothing() throws Exception {
    long patients = count("Patient");
    String transaction = """
        {"resourceType":"Bundle","type":"transaction","entry":[
          {"fullUrl":"urn:uuid:6f1d1d2e-0000-4000-8000-000000000001",
           "resource":{"resourceType":"Patient","name":[{"family":"Atomic"}],
             "identifier":[{"system":"https://sihha.health/fhir/sid/national-id","value":"400400400"}]},
           "request":{"method":"POST","url":"Patient"}},
          {"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},
                       "subject":{"reference":"Patient/missing-too"}},
           "request":{"method":"POST","url":"Observation"}}]}""";
    assertOutcome(post("", FHIR_JSON, transaction), 400);
    assertThat(count("Patient")).isEqualTo(patients);
  }

  @Test
  void wrongContentTypeIsRefused() throws Exception {
    long before = count("Patient");
    HttpResponse<String> response = post("/Patient", "text/plain", "{\"resourceType\":\"Patient\"}");
    assertThat(response.statusCode()).isBetween(400, 499);
    assertThat(outcome(response).getIssueFirstRep().getSeverity()).isEqualTo(IssueSeverity.ERROR);
    assertThat(count("Patient")).isEqualTo(before);
  }

  @Test
  void fiftyMegabyteBodyIsRefusedWith413BeforeItIsSent() throws Exception {
    long before = count("Patient");
    long fiftyMegabytes = 50L * 1024 * 1024;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      String head = "POST /fhir/Patient HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FHIR_JSON
          + "\r\nContent-Length: " + fiftyMegabytes + "\r\nExpect: 100-continue\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String finalResponse = response.substring(response.lastIndexOf("HTTP/1.1 "));
      assertThat(finalResponse).startsWith("HTTP/1.1 413");
      assertThat(finalResponse).contains("\"resourceType\":\"OperationOutcome\"").contains("SIHHA-1001");
    }
    assertThat(count("Patient")).isEqualTo(before);
  }

  private HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(fhirBase() + path))
        .header("Content-Type", contentType)
        .header("Accept", FHIR_JSON)
        .POST(BodyPublishers.ofString(body))
        .build();
    return http.send(request, BodyHandlers.ofString());
  }

  private void assertOutcome(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    OperationOutcome outcome = outcome(response);
    assertThat(outcome.getIssue()).isNotEmpty();
    assertThat(outcome.getIssueFirstRep().getSeverity()).isIn(IssueSeverity.ERROR, IssueSeverity.FATAL);
  }

  private OperationOutcome outcome(HttpResponse<String> response) {
    return fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
  }

  private long count(String type) {
    Bundle bundle = client().search().forResource(type).summaryMode(SummaryEnum.COUNT)
        .returnBundle(Bundle.class).execute();
    return bundle.getTotal();
  }
}
