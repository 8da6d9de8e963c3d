package health.sihha.hie.interceptors.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.test.utilities.server.HashMapResourceProviderExtension;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import health.sihha.hie.interceptors.security.ClinicalRolePolicy;
import health.sihha.hie.interceptors.security.Requests;
import health.sihha.hie.interceptors.security.SmartAuthorizationInterceptor;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.TestTokens;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DenialAuditInterceptorTest {

  private static final TestTokens TOKENS = new TestTokens();
  private static final InMemoryAuditSink SINK = new InMemoryAuditSink();
  private static final AtomicBoolean BROKEN = new AtomicBoolean();
  private static final List<String> ANONYMOUS = new CopyOnWriteArrayList<>();

  @RegisterExtension
  @Order(0)
  static final RestfulServerExtension server = new RestfulServerExtension(FhirContext.forR4Cached())
      .withServer(s -> {
        s.registerInterceptor(new SmartAuthorizationInterceptor(
            new SmartGrants(TOKENS.verifier()), TestTokens.FACILITY, new ClinicalRolePolicy()));
        s.registerInterceptor(new DenialAuditInterceptor(event -> {
          if (BROKEN.get()) {
            throw new IllegalStateException("audit repository down");
          }
          SINK.write(event);
        }, (status, method, path) -> ANONYMOUS.add(status + " " + method + " " + path), "provider-a"));
      })
      .keepAliveBetweenTests();

  @RegisterExtension
  @Order(1)
  final HashMapResourceProviderExtension<Patient> patients = new HashMapResourceProviderExtension<>(server, Patient.class);

  @BeforeEach
  void reset() {
    SINK.clear();
    ANONYMOUS.clear();
    BROKEN.set(false);
    Patient patient = new Patient();
    patient.setId("p2");
    patients.store(patient);
  }

  @Test
  void aForbiddenReadIsAuditedWithTheRequestorAndTheResource() {
    String token = TOKENS.sign(TOKENS.claims("patient/*.rs").claim("patient", "p1").claim("azp", "sihha-smart-app")
        .claim("fhirUser", "Practitioner/pa-nurse"));
    assertThat(get("/Patient/p2", token).statusCode()).isEqualTo(403);

    AuditEvent event = SINK.events().get(0);
    assertThat(SINK.events()).hasSize(1);
    assertThat(event.getMeta().getProfile().get(0).getValue())
        .isEqualTo("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead");
    assertThat(event.getType().getCode()).isEqualTo("rest");
    assertThat(event.getSubtypeFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
    assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
    assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    assertThat(event.getOutcomeDesc()).startsWith("SIHHA-1021");

    AuditEventAgentComponent user = event.getAgent().stream().filter(AuditEventAgentComponent::getRequestor)
        .findFirst().orElseThrow();
    assertThat(user.getWho().getReference()).isEqualTo("Practitioner/pa-nurse");
    assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("user-1");
    assertThat(user.getNetwork().getAddress()).isEqualTo("127.0.0.1");
    assertThat(event.getAgent()).extracting(a -> a.getWho().getDisplay()).contains("sihha-smart-app", "provider-a");
    assertThat(event.getSource().getSite()).isEqualTo("provider-a");
    assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference()).contains("Patient/p2", "Patient/p1");
  }

  @Test
  void anUnauthenticatedRequestIsCountedNotStored() {
    assertThat(get("/Patient?name=x", null).statusCode()).isEqualTo(401);
    assertThat(get("/Patient/p2", "garbage").statusCode()).isEqualTo(401);
    String forged = TestTokens.sign(TOKENS.claims("user/*.cruds"), TestTokens.newKey("key-1"));
    assertThat(get("/Patient/p2", forged).statusCode()).isEqualTo(401);

    assertThat(SINK.events()).isEmpty();
    assertThat(ANONYMOUS).containsExactly("401 GET Patient", "401 GET Patient/p2", "401 GET Patient/p2");
  }

  @Test
  void anIdentifiedRefusalIsStoredWithItsUrlTruncated() {
    String other = TOKENS.sign(TOKENS.claims("user/*.cruds").claim("facility", "provider-b"));
    assertThat(get("/Patient?name=" + "x".repeat(5000), other).statusCode()).isEqualTo(403);

    AuditEvent event = SINK.events().get(0);
    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
    assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
    String query = new String(event.getEntityFirstRep().getQuery(), StandardCharsets.UTF_8);
    assertThat(query).contains("/Patient?name=xxx").hasSize(DenialAuditEvents.MAX_URL_LENGTH).endsWith("…");
    assertThat(event.getEntityFirstRep().getRole().getCode()).isEqualTo("24");
    assertThat(ANONYMOUS).isEmpty();
  }

  @Test
  void aFacilityMismatchIsAudited() {
    String other = TOKENS.sign(TOKENS.claims("user/*.cruds").claim("facility", "provider-b"));
    assertThat(get("/Patient/p2", other).statusCode()).isEqualTo(403);
    assertThat(SINK.events()).singleElement().extracting(AuditEvent::getOutcomeDesc).asString()
        .startsWith("SIHHA-1020");
  }

  @Test
  void allowedRequestsAreNotAuditedHere() {
    assertThat(get("/Patient/p2", TOKENS.token("user/*.rs", null, "physician")).statusCode()).isEqualTo(200);
    assertThat(SINK.events()).isEmpty();
  }

  @Test
  void aFailingSinkDoesNotChangeTheResponse() {
    BROKEN.set(true);
    HttpResponse<String> response = get("/Patient/p2", TOKENS.sign(TOKENS.claims("user/*.rs").claim("facility", "x")));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("SIHHA-1020");
  }

  private static HttpResponse<String> get(String path, String token) {
    return Requests.get(server.getBaseUrl() + path, token);
  }
}
