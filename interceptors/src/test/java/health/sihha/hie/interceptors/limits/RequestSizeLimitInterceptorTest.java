package health.sihha.hie.interceptors.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.test.utilities.server.HashMapResourceProviderExtension;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequestSizeLimitInterceptorTest {

  private static final int LIMIT = 4096;

  @RegisterExtension
  @Order(0)
  static final RestfulServerExtension server = new RestfulServerExtension(FhirContext.forR4Cached())
      .withServer(s -> s.registerInterceptor(new RequestSizeLimitInterceptor(LIMIT)))
      .keepAliveBetweenTests();

  @RegisterExtension
  @Order(1)
  final HashMapResourceProviderExtension<Patient> patients =
      new HashMapResourceProviderExtension<>(server, Patient.class);

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void empty() {
    patients.clear();
  }

  @Test
  void aBodyWithinTheLimitIsStored() throws Exception {
    HttpResponse<String> response = post(BodyPublishers.ofString(patientJson(100)), List.of());
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(patients.getStoredResources()).hasSize(1);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedWith413() throws Exception {
    HttpResponse<String> response = post(BodyPublishers.ofString(patientJson(LIMIT)), List.of());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("OperationOutcome").contains("SIHHA-1001");
    assertThat(patients.getStoredResources()).isEmpty();
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
    byte[] body = patientJson(LIMIT).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = post(chunked(body), List.of());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(patients.getStoredResources()).isEmpty();
  }

  @Test
  void aGzipBodyIsLimitedOnceInflated() throws Exception {
    byte[] small = gzip(patientJson(100));
    assertThat(post(BodyPublishers.ofByteArray(small), List.of("Content-Encoding", "gzip")).statusCode())
        .isEqualTo(201);

    byte[] bomb = gzip(patientJson(LIMIT * 10));
    assertThat(bomb.length).isLessThan(LIMIT);
    HttpResponse<String> response = post(BodyPublishers.ofByteArray(bomb), List.of("Content-Encoding", "gzip"));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(patients.getStoredResources()).hasSize(1);
  }

  @Test
  void aBodyThatIsNotGzipDespiteItsHeaderIsRefusedWith400() throws Exception {
    HttpResponse<String> response =
        post(BodyPublishers.ofString(patientJson(10)), List.of("Content-Encoding", "gzip"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("SIHHA-1003");
  }

  private HttpResponse<String> post(HttpRequest.BodyPublisher body, List<String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getBaseUrl() + "/Patient"))
        .header("Content-Type", "application/fhir+json")
        .POST(body);
    for (int i = 0; i < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  /** A publisher of unknown length, which the JDK client sends with chunked transfer encoding. */
  private static HttpRequest.BodyPublisher chunked(byte[] body) {
    HttpRequest.BodyPublisher known = BodyPublishers.ofByteArray(body);
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        known.subscribe(subscriber);
      }
    };
  }

  private static String patientJson(int nameLength) {
    return "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "x".repeat(nameLength) + "\"}]}";
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
