package health.sihha.hie.interceptors.consent;

import static health.sihha.hie.interceptors.consent.TestConsents.denying;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.test.utilities.server.HashMapResourceProviderExtension;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import health.sihha.hie.interceptors.audit.InMemoryAuditSink;
import health.sihha.hie.interceptors.security.ClinicalRolePolicy;
import health.sihha.hie.interceptors.security.CrossFacilityAccess;
import health.sihha.hie.interceptors.security.OperationPermission;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consent denials at provider-a and the break-glass override, on an in-memory server behind the SMART rules. */
class ConsentAuthorizationInterceptorTest {

  private static final TestTokens TOKENS = new TestTokens();
  private static final TestConsents CONSENTS = new TestConsents();
  private static final InMemoryAuditSink SINK = new InMemoryAuditSink();
  private static final AtomicBoolean AUDIT_DOWN = new AtomicBoolean();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  @Order(0)
  static final RestfulServerExtension server = new RestfulServerExtension(FhirContext.forR4Cached())
      .withServer(s -> {
        s.registerInterceptor(new SmartAuthorizationInterceptor(new SmartGrants(TOKENS.verifier()),
            TestTokens.FACILITY, new ClinicalRolePolicy(), OperationPermission.STANDARD,
            List.of(CrossFacilityAccess.reconciliation(ConsentDirectives.MINISTRY))));
        s.registerInterceptor(new ConsentAuthorizationInterceptor(CONSENTS, event -> {
          if (AUDIT_DOWN.get()) {
            throw new IllegalStateException("audit repository down");
          }
          SINK.write(event);
        }, "provider-a", false, Set.of(ConsentDirectives.MINISTRY)));
      })
      .keepAliveBetweenTests();

  @RegisterExtension
  @Order(1)
  final HashMapResourceProviderExtension<Patient> patients = new HashMapResourceProviderExtension<>(server, Patient.class);

  @RegisterExtension
  @Order(2)
  final HashMapResourceProviderExtension<Observation> observations =
      new HashMapResourceProviderExtension<>(server, Observation.class);

  @RegisterExtension
  @Order(3)
  final HashMapResourceProviderExtension<Consent> consents = new HashMapResourceProviderExtension<>(server, Consent.class);

  @BeforeEach
  void seed() {
    CONSENTS.clear();
    SINK.clear();
    AUDIT_DOWN.set(false);
    for (String id : List.of("p1", "p2")) {
      Patient patient = new Patient();
      patient.setId(id);
      patient.addName().setFamily("Family-" + id);
      patients.store(patient);
      Observation observation = new Observation();
      observation.setId("o-" + id);
      observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
      observation.getCode().setText("heart rate of " + id);
      observation.setSubject(new Reference("Patient/" + id));
      observations.store(observation);
    }
  }

  @Test
  void withoutTheConsentEverythingIsShown() {
    assertThat(get("/Patient/p1", physician(), null).statusCode()).isEqualTo(200);
    assertThat(get("/Observation", physician(), null).body()).contains("heart rate of p1");
  }

  @Test
  void aDenyOfTheOwnFacilityRefusesReadsAndSearchesWithoutLeaking() {
    CONSENTS.add(denying("c1", "p1", "provider-a"));
    HttpResponse<String> read = get("/Patient/p1", physicianWithoutBreakGlass(), null);
    assertThat(read.statusCode()).isEqualTo(403);
    assertThat(read.body()).contains("OperationOutcome").contains("SIHHA-1060").doesNotContain("Consent/c1")
        .doesNotContain("Family-p1");
    assertThat(get("/Observation/o-p1", physicianWithoutBreakGlass(), null).statusCode()).isEqualTo(403);
    HttpResponse<String> search = get("/Observation", physicianWithoutBreakGlass(), null);
    assertThat(search.statusCode()).isEqualTo(403);
    assertThat(search.body()).doesNotContain("heart rate of");
    assertThat(get("/Patient/p2", physicianWithoutBreakGlass(), null).statusCode()).isEqualTo(200);
    assertThat(SINK.events()).isEmpty();
  }

  @Test
  void aRefusedSearchNamesNeitherThePatientNorTheConsent() {
    CONSENTS.add(denying("c1", "p1", "provider-a"));
    HttpResponse<String> search = get("/Observation", physicianWithoutBreakGlass(), null);
    assertThat(search.statusCode()).isEqualTo(403);
    assertThat(search.body()).contains("SIHHA-1060").doesNotContain("c1").doesNotContain("p1");
  }

  @Test
  void countsRevealNothingOfADeniedPatient() {
    assertThat(get("/Observation?subject=Patient/p1&_summary=count", physicianWithoutBreakGlass(), null).statusCode())
        .isEqualTo(200);
    CONSENTS.add(denying("c1", "p1", "provider-a"));
    for (String count : List.of("/Observation?subject=Patient/p1&_summary=count",
        "/Observation?subject=p2,p1&_summary=count", "/Observation?_summary=count", "/Observation?_total=accurate",
        "/Patient?_id=p1&_summary=count")) {
      HttpResponse<String> refused = get(count, physicianWithoutBreakGlass(), null);
      assertThat(refused.statusCode()).as(count).isEqualTo(403);
      assertThat(refused.body()).doesNotContain("total");
    }
    assertThat(get("/Patient?_id=p2&_summary=count", physicianWithoutBreakGlass(), null).statusCode()).isEqualTo(200);
    assertThat(SINK.events()).isEmpty();
  }

  @Test
  void theConsentItselfIsNotWithheldFromTheDeniedFacility() {
    Consent consent = denying("c1", "p1", "provider-a");
    CONSENTS.add(consent);
    consents.store(consent);
    assertThat(get("/Consent/c1", physicianWithoutBreakGlass(), null).statusCode()).isEqualTo(200);
  }

  @Test
  void aReasonWithoutTheRoleOverridesNothing() {
    CONSENTS.add(denying("c1", "p1", "provider-a"));
    HttpResponse<String> response = get("/Patient/p1", physicianWithoutBreakGlass(), "cardiac arrest");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("SIHHA-1060");
    assertThat(SINK.events()).isEmpty();
  }

  @Test
  void theRoleWithoutAReasonOverridesNothing() {
    CONSENTS.add(denying("c1", "p1", "provider-a"));
    HttpResponse<String> response = get("/Patient/p1", physician(), " ");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("SIHHA-1061").contains("X-Break-Glass-Reason");
    assertThat(SINK.events()).isEmpty();
  }

  @Test
  void theRoleAndAReasonBreakTheGlassAndAreAudited() {
    CONSENTS.add(denying("c1", "p1", "provider-a"));
    HttpResponse<String> response = get("/Observation", physician(), "unconscious in the emergency room");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("heart rate of p1");

    AuditEvent event = SINK.events().get(0);
    assertThat(SINK.events()).hasSize(1);
    assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getSystem())
        .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActReason");
    assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
    assertThat(event.getOutcomeDesc()).contains("Consent/c1").contains("unconscious in the emergency room");
    assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
    AuditEventAgentComponent user = event.getAgent().stream().filter(AuditEventAgentComponent::getRequestor)
        .findFirst().orElseThrow();
    assertThat(user.getWho().getReference()).isEqualTo("Practitioner/pa-physician");
    assertThat(user.getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
    AuditEventEntityComponent patient = event.getEntity().stream()
        .filter(e -> "Patient/p1".equals(e.getWhat().getReference())).findFirst().orElseThrow();
    assertThat(patient.getRole().getCode()).isEqualTo("1");
    assertThat(patient.getDetailFirstRep().getValueStringType().getValue())
        .isEqualTo("unconscious in the emergency room");
    assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference()).contains("Consent/c1")
        .doesNotContain("Patient/p2");
  }

  @Test
  void aReasonWhereNoConsentDeniesIsNotAudited() {
    CONSENTS.add(denying("c1", "p1", "provider-a"));
    assertThat(get("/Patient/p2", physician(), "just in case").statusCode()).isEqualTo(200);
    assertThat(SINK.events()).isEmpty();
  }

  @Test
  void aDenyOfAnotherPartyRefusesThatPartyOnly() {
    CONSENTS.add(denying("c2", "p1", "provider-b", "research-app"));
    assertThat(get("/Patient/p1", physician(), null).statusCode()).isEqualTo(200);
    String researchApp = TOKENS.sign(TOKENS.claims("system/*.rs").claim("azp", "research-app")
        .claim("roles", List.of("system")));
    assertThat(get("/Patient/p1", researchApp, null).statusCode()).isEqualTo(403);
    assertThat(get("/Patient/p2", researchApp, null).statusCode()).isEqualTo(200);
    assertThat(get("/Patient/p1", researchApp, "integration engine").statusCode())
        .as("a service account has no break-glass role").isEqualTo(403);
  }

  /**
   * The ministry reconciles its copy from the provider's history: a patient who opted out is left out of the pages, as
   * of the notifications, so that the opt-out does not stop the reconciliation of everybody else's data; a user of
   * another facility denied by the same kind of consent is still refused the whole page.
   */
  @Test
  void theMinistrysHistoryPagesLeaveOutWhatAConsentDeniesItAndNothingElse() {
    Consent optOut = denying("c1", "p1", ConsentDirectives.MINISTRY);
    CONSENTS.add(optOut);
    consents.store(optOut);
    String ministry = TOKENS.sign(TOKENS.claims("system/*.rs").claim("azp", "ministry")
        .claim("facility", ConsentDirectives.MINISTRY).claim("roles", List.of("system")));

    for (String history : List.of("/Observation/_history", "/Patient/_history")) {
      HttpResponse<String> page = get(history, ministry, null);
      assertThat(page.statusCode()).as(history).isEqualTo(200);
      assertThat(page.body()).as(history).doesNotContain("heart rate of p1").doesNotContain("Family-p1");
    }
    assertThat(get("/Observation/_history", ministry, null).body()).contains("heart rate of p2");
    assertThat(get("/Patient/_history", ministry, null).body()).contains("Family-p2");
    assertThat(get("/Consent/_history", ministry, null).body()).as("the opt-out itself").contains("\"c1\"");
    HttpResponse<String> instance = get("/Patient/p1/_history", ministry, null);
    assertThat(instance.statusCode()).isEqualTo(200);
    assertThat(instance.body()).doesNotContain("Family-p1");
    assertThat(get("/Observation/o-p1/_history", ministry, null).body()).doesNotContain("heart rate of p1");

    CONSENTS.add(denying("c2", "p2", "provider-a"));
    assertThat(get("/Observation/_history", ministry, null).body()).as("a consent denying another party")
        .contains("heart rate of p2");
    String otherFacility = TOKENS.sign(TOKENS.claims("system/*.rs").claim("azp", "provider-b")
        .claim("facility", "provider-b").claim("roles", List.of("system")));
    assertThat(get("/Observation/_history", otherFacility, null).statusCode()).as("not a reconciler")
        .isEqualTo(403);
    assertThat(get("/Observation/_history", physicianWithoutBreakGlass(), null).statusCode())
        .as("a user denied by c2 is refused the page").isEqualTo(403);
    assertThat(SINK.events()).isEmpty();
  }

  @Test
  void aBreakGlassThatCannotBeAuditedIsRefused() {
    CONSENTS.add(denying("c1", "p1", "provider-a"));
    AUDIT_DOWN.set(true);
    HttpResponse<String> response = get("/Patient/p1", physician(), "unconscious");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("SIHHA-1062").doesNotContain("Family-p1");
  }

  private static String physician() {
    return TOKENS.sign(TOKENS.claims("user/*.cruds").claim("roles", List.of("physician", BreakGlass.ROLE))
        .claim("fhirUser", "Practitioner/pa-physician"));
  }

  private static String physicianWithoutBreakGlass() {
    return TOKENS.token("user/*.cruds", null, "physician");
  }

  private static HttpResponse<String> get(String path, String token, String reason) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getBaseUrl() + path))
        .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token);
    if (reason != null) {
      request.header(BreakGlass.REASON_HEADER, reason);
    }
    try {
      return HTTP.send(request.GET().build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
