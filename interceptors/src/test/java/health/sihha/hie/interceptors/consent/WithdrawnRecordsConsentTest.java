package health.sihha.hie.interceptors.consent;

import static health.sihha.hie.interceptors.consent.TestConsents.denying;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.test.utilities.server.HashMapResourceProviderExtension;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import health.sihha.hie.interceptors.audit.InMemoryAuditSink;
import health.sihha.hie.interceptors.security.ClinicalRolePolicy;
import health.sihha.hie.interceptors.security.SmartAuthorizationInterceptor;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consent denials where denied data is withdrawn (the ministry): the empty record left of a withdrawn patient does not
 * refuse a search across patients, while anything of that patient's data still shown does.
 */
class WithdrawnRecordsConsentTest {

  private static final TestTokens TOKENS = new TestTokens();
  private static final TestConsents CONSENTS = new TestConsents();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  @Order(0)
  static final RestfulServerExtension server = new RestfulServerExtension(FhirContext.forR4Cached())
      .withServer(s -> {
        s.registerInterceptor(new SmartAuthorizationInterceptor(
            new SmartGrants(TOKENS.verifier()), TestTokens.FACILITY, new ClinicalRolePolicy()));
        s.registerInterceptor(new ConsentAuthorizationInterceptor(CONSENTS, new InMemoryAuditSink(), "ministry", true,
            Set.of()));
      })
      .keepAliveBetweenTests();

  @RegisterExtension
  @Order(1)
  final HashMapResourceProviderExtension<Patient> patients = new HashMapResourceProviderExtension<>(server, Patient.class);

  @RegisterExtension
  @Order(2)
  final HashMapResourceProviderExtension<Observation> observations =
      new HashMapResourceProviderExtension<>(server, Observation.class);

  @BeforeEach
  void seed() {
    CONSENTS.clear();
    CONSENTS.add(denying("c1", "withdrawn", TestTokens.FACILITY));
    Patient withdrawn = new Patient();
    withdrawn.setId("withdrawn");
    withdrawn.getMeta().addTag("https://sihha.health/fhir/CodeSystem/source-provider", "provider-a", null);
    patients.store(withdrawn);
    Patient other = new Patient();
    other.setId("other");
    other.addName().setFamily("Family-other");
    patients.store(other);
  }

  @Test
  void theEmptyRecordOfAWithdrawnPatientDoesNotRefuseASearch() {
    HttpResponse<String> search = get("/Patient");
    assertThat(search.statusCode()).isEqualTo(200);
    assertThat(search.body()).contains("Family-other").contains("Patient/withdrawn");
    assertThat(get("/Patient/withdrawn").statusCode()).isEqualTo(200);
  }

  @Test
  void dataOfTheDenyingPatientStillRefusesTheResponse() {
    Patient notWithdrawn = new Patient();
    notWithdrawn.setId("withdrawn");
    notWithdrawn.addName().setFamily("Family-withdrawn");
    patients.store(notWithdrawn);
    HttpResponse<String> search = get("/Patient");
    assertThat(search.statusCode()).isEqualTo(403);
    assertThat(search.body()).contains("SIHHA-1060").doesNotContain("Family-");

    Observation leftOver = new Observation();
    leftOver.setId("o-withdrawn");
    leftOver.setStatus(Observation.ObservationStatus.FINAL);
    leftOver.getCode().setText("heart rate");
    leftOver.setSubject(new Reference("Patient/withdrawn"));
    observations.store(leftOver);
    assertThat(get("/Observation/o-withdrawn").statusCode()).isEqualTo(403);
  }

  private static HttpResponse<String> get(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.getBaseUrl() + path))
        .header("Accept", "application/fhir+json")
        .header("Authorization", "Bearer " + TOKENS.token("user/*.cruds", null, "physician")).GET().build();
    try {
      return HTTP.send(request, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
