package health.sihha.hie.interceptors.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.test.utilities.server.HashMapResourceProviderExtension;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthorizationSearchParamMatcher.MatchResult;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmartAuthorizationInterceptorTest {

  static final String LAB = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final TestTokens TOKENS = new TestTokens();

  private static final SmartAuthorizationInterceptor AUTHORIZATION = new SmartAuthorizationInterceptor(
      new SmartGrants(TOKENS.verifier()), TestTokens.FACILITY, new ClinicalRolePolicy(), OperationPermission.STANDARD,
      List.of(CrossFacilityAccess.reconciliation("ministry")));

  @RegisterExtension
  @Order(0)
  static final RestfulServerExtension server = new RestfulServerExtension(FHIR)
      .withServer(s -> s.registerInterceptor(AUTHORIZATION))
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
  final HashMapResourceProviderExtension<Encounter> encounters =
      new HashMapResourceProviderExtension<>(server, Encounter.class);

  @Test
  void noTokenIs401WithABareBearerChallenge() {
    HttpResponse<String> response = get("/Patient/p1", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
    assertThat(response.body()).contains("OperationOutcome").contains("SIHHA-1010");
  }

  @Test
  void anInvalidTokenIs401WithInvalidToken() {
    String forged = TestTokens.sign(TOKENS.claims("user/*.cruds"), TestTokens.newKey("key-1"));
    HttpResponse<String> response = get("/Patient/p1", forged);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer error=\"invalid_token\", error_description=");
    assertThat(response.body()).contains("OperationOutcome").contains("SIHHA-1011");
  }

  @Test
  void metadataIsOpenToAll() {
    assertThat(get("/metadata", null).statusCode()).isEqualTo(200);
    assertThat(get("/metadata", "garbage").statusCode()).isEqualTo(200);
  }

  @Test
  void aMissingScopeIs403WithAnOperationOutcome() {
    seed();
    String token = TOKENS.token("openid user/Encounter.rs", null, "physician");
    HttpResponse<String> response = get("/Patient/p1", token);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("OperationOutcome").contains("SIHHA-1021");
    assertThat(get("/Encounter/e1", token).statusCode()).isEqualTo(200);
  }

  @Test
  void readAndSearchAreSeparateLetters() {
    seed();
    String readOnly = TOKENS.token("user/Patient.r", null, "physician");
    assertThat(get("/Patient/p1", readOnly).statusCode()).isEqualTo(200);
    assertThat(get("/Patient", readOnly).statusCode()).isEqualTo(403);

    String searchOnly = TOKENS.token("user/Patient.s", null, "physician");
    assertThat(get("/Patient", searchOnly).statusCode()).isEqualTo(200);
    assertThat(get("/Patient/p1", searchOnly).statusCode()).isEqualTo(403);
  }

  @Test
  void createNeedsCAndUpdateNeedsU() {
    seed();
    String createOnly = TOKENS.token("user/Patient.c", null, "physician");
    assertThat(send("POST", "/Patient", createOnly, patient(null)).statusCode()).isEqualTo(201);
    assertThat(send("PUT", "/Patient/p1", createOnly, patient("p1")).statusCode()).isEqualTo(403);

    String updateOnly = TOKENS.token("user/Patient.u", null, "physician");
    assertThat(send("PUT", "/Patient/p1", updateOnly, patient("p1")).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/Patient", updateOnly, patient(null)).statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "/Patient/p1", updateOnly, null).statusCode()).isEqualTo(403);
  }

  @Test
  void aPatientTokenReadsOnlyItsOwnCompartment() {
    seed();
    String token = TOKENS.token("openid launch/patient patient/*.rs", "p1");
    assertThat(get("/Patient/p1", token).statusCode()).isEqualTo(200);
    assertThat(get("/Observation/o1", token).statusCode()).isEqualTo(200);
    assertThat(get("/Patient/p2", token).statusCode()).isEqualTo(403);
    assertThat(get("/Observation/o2", token).statusCode()).isEqualTo(403);
  }

  @Test
  void aPatientTokenCannotSearchAnotherPatientsData() {
    seed();
    String token = TOKENS.token("patient/Observation.rs", "p1");
    assertThat(get("/Observation?patient=Patient/p2", token).statusCode()).isEqualTo(403);
    observations.clear();
    observations.store(observation("o1", "p1", LAB));
    assertThat(get("/Observation?patient=Patient/p1", token).statusCode()).isEqualTo(200);
  }

  @Test
  void aPatientTokenCannotReadAnotherPatientsHistory() {
    seed();
    String token = TOKENS.token("patient/*.rs", "p1");
    assertThat(get("/Patient/p1/_history", token).statusCode()).isEqualTo(200);
    assertThat(get("/Patient/p2/_history", token).statusCode()).isEqualTo(403);
    assertThat(get("/Observation/o2/_history", token).statusCode()).isEqualTo(403);
  }

  @Test
  void aPatientTokenWithoutAPatientClaimGetsNothing() {
    seed();
    assertThat(get("/Patient/p1", TOKENS.token("patient/*.cruds", null)).statusCode()).isEqualTo(403);
  }

  @Test
  void aPatientTokenWritesOnlyIntoItsCompartment() {
    seed();
    String token = TOKENS.token("patient/Observation.cu", "p1", "physician");
    assertThat(send("POST", "/Observation", token, json(observation(null, "p1", LAB))).statusCode()).isEqualTo(201);
    assertThat(send("POST", "/Observation", token, json(observation(null, "p2", LAB))).statusCode()).isEqualTo(403);
  }

  @Test
  void aQueryRestrictedScopeAllowsOnlySearchesCarryingTheRestriction() {
    observations.store(observation("o1", "p1", LAB));
    String coded = TOKENS.token("patient/Observation.rs?category=" + LAB, "p1");
    assertThat(search("category=" + LAB, coded)).isEqualTo(200);
    assertThat(search("category=" + LAB + "&code=2345-7", coded)).isEqualTo(200);
    assertThat(search("code=2345-7", coded)).isEqualTo(403);
    assertThat(search("category=vital-signs", coded)).isEqualTo(403);
    assertThat(search("category=laboratory", coded)).as("a code without its system widens the search").isEqualTo(403);
    assertThat(search("category=" + LAB + ",vital-signs", coded)).isEqualTo(403);

    String plain = TOKENS.token("patient/Observation.rs?category=laboratory", "p1");
    assertThat(search("category=laboratory", plain)).isEqualTo(200);
    assertThat(search("code=2345-7", plain)).isEqualTo(403);
  }

  @Test
  void aQueryRestrictedScopeReadsByIdWhereTheServerCanMatchTheRestriction() {
    observations.store(observation("o1", "p1", LAB));
    observations.store(observation("o3", "p1", "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs"));
    String token = TOKENS.token("patient/Observation.rs?category=" + LAB, "p1");
    AUTHORIZATION.setAuthorizationSearchParamMatcher((criteria, resource) -> {
      String wanted = criteria.substring(criteria.indexOf('=') + 1);
      boolean matches = ((Observation) resource).getCategory().stream().flatMap(c -> c.getCoding().stream())
          .anyMatch(c -> (c.getSystem() + "|" + c.getCode()).equals(wanted));
      return matches ? MatchResult.buildMatched() : MatchResult.buildUnmatched();
    });
    try {
      assertThat(get("/Observation/o1", token).statusCode()).isEqualTo(200);
      assertThat(get("/Observation/o3", token).statusCode()).isEqualTo(403);
    } finally {
      AUTHORIZATION.setAuthorizationSearchParamMatcher(null);
    }
  }

  @Test
  void aPatientSearchMustNameThePatient() {
    observations.store(observation("o1", "p1", LAB));
    String token = TOKENS.token("patient/Observation.rs", "p1");
    assertThat(get("/Observation?patient=Patient/p1", token).statusCode()).isEqualTo(200);
    assertThat(get("/Observation", token).statusCode()).isEqualTo(403);
  }

  @Test
  void aQueryRestrictedScopeDoesNotReadByIdWithoutAMatcher() {
    observations.store(observation("o1", "p1", LAB));
    String token = TOKENS.token("patient/Observation.rs?category=" + LAB, "p1");
    assertThat(get("/Observation/o1", token).statusCode()).isEqualTo(403);
  }

  @Test
  void userAndSystemScopesReachTheirTypes() {
    seed();
    String user = TOKENS.token("user/Observation.rs", null, "physician");
    assertThat(get("/Observation/o2", user).statusCode()).isEqualTo(200);
    assertThat(get("/Patient/p2", user).statusCode()).isEqualTo(403);

    String system = TOKENS.sign(TOKENS.claims("system/*.rs").claim("azp", "provider-a")
        .claim("roles", List.of("system")));
    assertThat(get("/Patient/p2", system).statusCode()).isEqualTo(200);
    assertThat(get("/Encounter", system).statusCode()).isEqualTo(200);
    assertThat(send("DELETE", "/Patient/p2", system, null).statusCode()).isEqualTo(403);
  }

  @Test
  void anotherProvidersServiceAccountIsRefusedEverything() {
    seed();
    String other = TOKENS.sign(TOKENS.claims("system/*.cruds").claim("azp", "provider-b").claim("facility", "provider-b")
        .claim("roles", List.of("system")));
    HttpResponse<String> read = get("/Patient/p1", other);
    assertThat(read.statusCode()).isEqualTo(403);
    assertThat(read.body()).contains("SIHHA-1020");
    assertThat(get("/Patient", other).statusCode()).isEqualTo(403);
    assertThat(get("/Patient/p1/_history", other).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/Observation", other, json(observation(null, "p1", LAB))).statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "/Patient/p1", other, null).statusCode()).isEqualTo(403);
    assertThat(observations.getStoredResources()).hasSize(2);
    assertThat(patients.getStoredResources()).hasSize(2);
  }

  @Test
  void aPatientTokenOfAnotherFacilityIsRefused() {
    seed();
    String launchedElsewhere = TOKENS.sign(TOKENS.claims("patient/*.rs").claim("facility", "provider-b")
        .claim("patient", "p1"));
    assertThat(get("/Patient/p1", launchedElsewhere).statusCode()).isEqualTo(403);
    assertThat(get("/Observation?patient=Patient/p1", launchedElsewhere).statusCode()).isEqualTo(403);
    assertThat(get("/Patient/p1", TOKENS.token("patient/*.rs", "p1")).statusCode()).isEqualTo(200);
  }

  @Test
  void aPatientTokenCountsOnlyItsOwnPatient() {
    observations.store(observation("o1", "p1", LAB));
    String token = TOKENS.token("patient/*.rs", "p1");
    HttpResponse<String> own = get("/Observation?patient=Patient/p1&_summary=count", token);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(own.body()).contains("\"total\": 1");
    for (String leaking : List.of("/Observation?patient=p1,p2&_summary=count", "/Observation?_summary=count",
        "/Observation?patient=p2&_summary=count", "/Observation?patient=p1&patient=p2&_total=accurate")) {
      HttpResponse<String> refused = get(leaking, token);
      assertThat(refused.statusCode()).as(leaking).isEqualTo(403);
      assertThat(refused.body()).doesNotContain("total");
    }
  }

  @Test
  void theMinistrysServiceAccountReadsHistoryForReconciliationAndNothingElse() {
    seed();
    String ministry = TOKENS.sign(TOKENS.claims("system/*.rs").claim("azp", "ministry").claim("facility", "ministry")
        .claim("roles", List.of("system")));
    HttpResponse<String> history = get("/Patient/_history", ministry);
    assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
    assertThat(history.body()).contains("Family-p1").contains("Family-p2");
    assertThat(get("/Observation/o1/_history", ministry).statusCode()).isEqualTo(200);
    assertThat(get("/Patient/p1", ministry).statusCode()).isEqualTo(403);
    assertThat(get("/Patient?name=Family-p1", ministry).statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "/Patient/p1", ministry, null).statusCode()).isEqualTo(403);

    String ministryUser = TOKENS.sign(TOKENS.claims("user/*.rs").claim("facility", "ministry")
        .claim("roles", List.of("epidemiologist")));
    assertThat(get("/Patient/_history", ministryUser).statusCode()).isEqualTo(403);
  }

  @Test
  void aUserTokenOfAnotherFacilityIsRefusedEverything() {
    seed();
    String other = TOKENS.sign(TOKENS.claims("user/*.cruds").claim("facility", "provider-b")
        .claim("roles", List.of("physician")));
    HttpResponse<String> response = get("/Patient/p1", other);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("SIHHA-1020");
    assertThat(get("/Encounter", other).statusCode()).isEqualTo(403);

    String none = TOKENS.sign(TOKENS.claims("user/*.cruds").claim("facility", null));
    assertThat(get("/Patient/p1", none).statusCode()).isEqualTo(403);
  }

  private void seed() {
    patients.store(patientWithId("p1"));
    patients.store(patientWithId("p2"));
    observations.store(observation("o1", "p1", LAB));
    observations.store(observation("o2", "p2", LAB));
    Encounter encounter = new Encounter();
    encounter.setId("e1");
    encounter.setSubject(new Reference("Patient/p1"));
    encounters.store(encounter);
  }

  static Patient patientWithId(String id) {
    Patient patient = new Patient();
    patient.setId(id);
    patient.addName().setFamily("Family-" + id);
    return patient;
  }

  static Observation observation(String id, String patient, String category) {
    Observation observation = new Observation();
    if (id != null) {
      observation.setId(id);
    }
    observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
    String[] systemCode = category.split("\\|");
    observation.addCategory(new CodeableConcept(new Coding(systemCode[0], systemCode[1], null)));
    observation.getCode().addCoding(new Coding("http://loinc.org", "2345-7", "Glucose"));
    observation.setSubject(new Reference("Patient/" + patient));
    return observation;
  }

  private static String patient(String id) {
    Patient patient = id == null ? new Patient() : patientWithId(id);
    return json(patient);
  }

  static String json(IBaseResource resource) {
    return FHIR.newJsonParser().encodeResourceToString(resource);
  }

  private static int search(String query, String token) {
    return get("/Observation?patient=Patient/p1&" + query, token).statusCode();
  }

  private static HttpResponse<String> get(String path, String token) {
    return Requests.get(server.getBaseUrl() + path, token);
  }

  private static HttpResponse<String> send(String method, String path, String token, String body) {
    return Requests.send(method, server.getBaseUrl() + path, token, body);
  }
}
