package health.sihha.hie.terminology.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.terminology.server.answers.CachedAnswers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Repeated reads answered from memory: the same bytes as a fresh answer, never stale, never an error. */
class CachedAnswersTest extends TerminologyServerTest {

  @Autowired CachedAnswers answers;

  @Test
  void aRepeatedExpandIsTheSameAnswerAsAFreshOne() {
    String expand = "ValueSet/$expand?url=" + encode(ICD + "?fhir_vs") + "&filter=diab%20mel&count=20";
    HttpResponse<String> first = get(expand);
    long hits = answers.hits();

    HttpResponse<String> again = get(expand);
    // an equivalent request the cache has not seen: computed and encoded afresh
    HttpResponse<String> fresh = get(expand + "&_pretty=false");

    assertThat(answers.hits()).isEqualTo(hits + 1);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body()).contains("E08.9");
    // the same expansion, which FHIR lets a server name with the same identifier and time when it repeats it
    assertThat(withoutExpansionIdentity(again.body())).isEqualTo(withoutExpansionIdentity(fresh.body()));
    assertThat(again.headers().firstValue("Content-Type")).isEqualTo(fresh.headers().firstValue("Content-Type"));
    assertThat(again.headers().firstValueAsLong("Content-Length")).hasValue(again.body().getBytes(UTF_8).length);
    assertThat(again.headers().firstValue("X-Request-ID")).isPresent()
        .isNotEqualTo(first.headers().firstValue("X-Request-ID"));
  }

  @Test
  void aChangedValueSetIsExpandedAnewAtOnce() {
    String url = "http://sihha.health/fhir/ValueSet/cached-answers-test";
    client.update().resource(valueSet(url, "E11.9")).execute();
    String expand = "ValueSet/$expand?url=" + encode(url);
    assertThat(get(expand).body()).contains("E11.9");
    assertThat(get(expand).body()).contains("E11.9");

    client.update().resource(valueSet(url, "I10")).execute();

    HttpResponse<String> changed = get(expand);
    assertThat(changed.body()).contains("I10").doesNotContain("E11.9");
  }

  @Test
  void errorsAreNotKept() {
    String unknown = "CodeSystem/$lookup?system=" + encode(ICD) + "&code=E11.9Q";
    long hits = answers.hits();

    HttpResponse<String> first = get(unknown);
    HttpResponse<String> again = get(unknown);

    assertThat(first.statusCode()).isEqualTo(404);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).contains("OperationOutcome");
    assertThat(answers.hits()).isEqualTo(hits);
  }

  @Test
  void eachFormatGetsItsOwnAnswer() {
    String lookup = "CodeSystem/$lookup?system=" + encode(ICD) + "&code=I10";
    HttpResponse<String> json = accepting(lookup, "application/fhir+json");
    HttpResponse<String> xml = accepting(lookup, "application/fhir+xml");
    HttpResponse<String> jsonAgain = accepting(lookup, "application/fhir+json");
    HttpResponse<String> xmlAgain = accepting(lookup, "application/fhir+xml");

    assertThat(jsonAgain.body()).isEqualTo(json.body()).startsWith("{");
    assertThat(xmlAgain.body()).isEqualTo(xml.body()).startsWith("<Parameters");
    assertThat(xmlAgain.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("application/fhir+xml"));
  }

  @Test
  void aCompressedAnswerIsCompressedAgain() throws Exception {
    String expand = "ValueSet/$expand?url=" + encode(ICD + "?fhir_vs") + "&filter=fracture&count=1000";
    HttpResponse<byte[]> first = gzipped(expand);
    long hits = answers.hits();
    HttpResponse<byte[]> again = gzipped(expand);

    assertThat(answers.hits()).isEqualTo(hits + 1);
    assertThat(again.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String text = gunzip(again.body());
    assertThat(text).isEqualTo(gunzip(first.body()));
    assertThat(FHIR.newJsonParser().parseResource(ValueSet.class, text).getExpansion().getContains()).hasSize(1000);
  }

  @Test
  void concurrentRepeatsAllGetTheFreshAnswer() throws Exception {
    List<String> codes = List.of("E11.9", "I10", "J45.909", "S72.001A", "N18.6");
    List<String> fresh = new ArrayList<>();
    for (String code : codes) {
      fresh.add(get(lookup(code) + "&_pretty=false").body());
    }
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int which = i % codes.size();
        results.add(clients.submit(() -> get(lookup(codes.get(which))).body().equals(fresh.get(which))));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      clients.shutdownNow();
    }
  }

  private static String withoutExpansionIdentity(String expansion) {
    return expansion.replaceFirst("\"identifier\":\"urn:uuid:[0-9a-f-]+\"", "")
        .replaceFirst("\"timestamp\":\"[^\"]+\"", "");
  }

  private static String lookup(String code) {
    return "CodeSystem/$lookup?system=" + encode(ICD) + "&code=" + code;
  }

  private HttpResponse<String> accepting(String pathAndQuery, String accept) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base() + "/" + pathAndQuery)).header("Accept", accept).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<byte[]> gzipped(String pathAndQuery) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/" + pathAndQuery))
        .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  private static String gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private static ValueSet valueSet(String url, String code) {
    ValueSet valueSet = new ValueSet();
    valueSet.setId("cached-answers-test");
    valueSet.setUrl(url).setVersion("1").setName("CachedAnswersTest").setStatus(PublicationStatus.ACTIVE);
    valueSet.getCompose().addInclude().setSystem(ICD).addConcept().setCode(code);
    return valueSet;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, UTF_8);
  }
}
