package health.sihha.hie.terminology.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * How answers leave the server: a small one in one piece with its length (HAPI's encoder flushes after every boolean
 * it writes, which made a {@code $lookup} several HTTP chunks), a large one whole.
 */
class ResponseFramingTest extends TerminologyServerTest {

  @Test
  void aLookupAnswerComesInOnePieceWithItsLength() {
    HttpResponse<String> response = get("CodeSystem/$lookup?system=" + ICD + "&code=E11.9");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
    assertThat(response.headers().firstValueAsLong("Content-Length"))
        .hasValue(response.body().getBytes(UTF_8).length);
    Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, response.body());
    assertThat(answer.getParameterValue("display").primitiveValue())
        .isEqualTo("Type 2 diabetes mellitus without complications");
  }

  @Test
  void anAnswerLargerThanTheBufferArrivesWhole() {
    HttpResponse<String> response = get("ValueSet/$expand?url=" + URLEncoder.encode(ICD + "?fhir_vs", UTF_8)
        + "&filter=fracture&count=1000");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body().length()).isGreaterThan(64 * 1024);
    ValueSet expansion = FHIR.newJsonParser().parseResource(ValueSet.class, response.body());
    assertThat(expansion.getExpansion().getContains()).hasSize(1000)
        .allSatisfy(concept -> assertThat(concept.getDisplay()).containsIgnoringCase("fracture"));
  }
}
