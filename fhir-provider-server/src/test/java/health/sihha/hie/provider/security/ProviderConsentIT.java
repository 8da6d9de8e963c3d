package health.sihha.hie.provider.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.server.testing.PrivacyConsents;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Patients' privacy Consents and break-glass at the shared {@link SecuredProvider} (provider-a), with the realm's
 * tokens: a patient who denies provider-a itself is hidden from provider-a's users, except to a physician (realm role
 * {@code break-glass}) who states a reason, and that access is stored as a BTG AuditEvent that provider-a reviews.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderConsentIT {

  private static final String REASON_HEADER = "X-Break-Glass-Reason";

  private FhirRequests fhir;
  private String patient;
  private String observation;
  private String consent;

  @BeforeAll
  void recordAPatientWhoDeniesProviderA() throws Exception {
    fhir = new FhirRequests(SecuredProvider.fhirBase());
    String system = RealmTokens.client("provider-a", "provider-a-demo-secret", "system/*.cruds");
    patient = FhirRequests.created(fhir.post("/Patient", patient("Private"), system));
    observation = FhirRequests.created(fhir.post("/Observation", observation(patient, "private heart rate"), system));
    consent = FhirRequests.created(fhir.post("/Consent", PrivacyConsents.denying(patient, "provider-a"), system));
  }

  @Test
  void theDeniedFacilitysUsersCannotReadOrSearchThePatient() throws Exception {
    String physician = RealmTokens.user("physician-a");
    HttpResponse<String> read = get("/Patient/" + patient, physician, null);
    assertThat(read.statusCode()).isEqualTo(403);
    assertThat(read.body()).contains("OperationOutcome").contains("SIHHA-1061").doesNotContain("Consent/")
        .doesNotContain(patient).doesNotContain("Private");
    assertThat(get("/Observation/" + observation, physician, null).statusCode()).isEqualTo(403);
    HttpResponse<String> search = get("/Observation?patient=Patient/" + patient, physician, null);
    assertThat(search.statusCode()).isEqualTo(403);
    assertThat(search.body()).doesNotContain("private heart rate");
    assertThat(get("/Observation?code:text=private", physician, null).body()).doesNotContain("private heart rate");

    HttpResponse<String> nurse = get("/Patient/" + patient, RealmTokens.user("nurse-a"), "emergency");
    assertThat(nurse.statusCode()).as("a reason without role break-glass overrides nothing").isEqualTo(403);
    assertThat(nurse.body()).contains("SIHHA-1060");

    assertThat(get("/Consent/" + consent, physician, null).statusCode())
        .as("the directive addressed to the facility is not withheld from it").isEqualTo(200);

    String other = FhirRequests.created(fhir.post("/Patient", patient("Public"), physician));
    assertThat(get("/Patient/" + other, physician, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aPhysicianBreaksTheGlassWithAReasonAndTheAccessIsAudited() throws Exception {
    String reason = "unconscious in the emergency room " + System.nanoTime();
    HttpResponse<String> search = get("/Observation?patient=Patient/" + patient, RealmTokens.user("physician-a"),
        reason);
    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    assertThat(search.body()).contains("private heart rate");

    String auditor = RealmTokens.client("provider-a", "provider-a-demo-secret", "system/*.rs");
    HttpResponse<String> audits = get("/AuditEvent?entity=Patient/" + patient + "&_count=100", auditor, null);
    assertThat(audits.statusCode()).as(audits.body()).isEqualTo(200);
    List<String> btg = JsonPath.read(audits.body(),
        "$.entry[?(@.resource.purposeOfEvent[0].coding[0].code == 'BTG')].resource.outcomeDesc");
    assertThat(btg).anySatisfy(d -> assertThat(d).contains(reason).contains("Consent/" + consent));
    List<String> system = JsonPath.read(audits.body(), "$.entry[*].resource.purposeOfEvent[0].coding[0].system");
    assertThat(system).contains("http://terminology.hl7.org/CodeSystem/v3-ActReason");
  }

  @Test
  void aConsentDenyingTheMinistryHidesThePatientFromItsReconciliationReads() throws Exception {
    String system = RealmTokens.client("provider-a", "provider-a-demo-secret", "system/*.cruds");
    String optedOut = FhirRequests.created(fhir.post("/Patient", patient("NotForTheMinistry"), system));
    String shared = FhirRequests.created(fhir.post("/Patient", patient("Shared"), system));
    FhirRequests.created(fhir.post("/Consent", PrivacyConsents.denying(optedOut, "ministry"), system));

    String ministry = RealmTokens.client("ministry", "ministry-demo-secret", "system/*.rs");
    HttpResponse<String> withheld = get("/Patient/" + optedOut + "/_history", ministry, null);
    assertThat(withheld.statusCode()).as("left out, as from the notifications").isEqualTo(200);
    assertThat(withheld.body()).doesNotContain("NotForTheMinistry");
    HttpResponse<String> history = get("/Patient/" + shared + "/_history", ministry, null);
    assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
    assertThat(history.body()).contains("Shared");
    HttpResponse<String> everyPatient = get("/Patient/_history?_count=500", ministry, null);
    assertThat(everyPatient.statusCode()).as("one opt-out does not stop the reconciliation of the others")
        .isEqualTo(200);
    assertThat(everyPatient.body()).contains("Shared").doesNotContain("NotForTheMinistry");
    HttpResponse<String> read = get("/Patient/" + shared, ministry, null);
    assertThat(read.statusCode()).as("the ministry's grant here is history, not reads").isEqualTo(403);
    assertThat(read.body()).contains("SIHHA-1020");

    // provider-b's tokens do not even name this server (aud): refused as invalid before any rule
    HttpResponse<String> providerB =
        get("/Patient/" + shared, RealmTokens.client("provider-b", "provider-b-demo-secret", "system/*.rs"), null);
    assertThat(providerB.statusCode()).isEqualTo(401);
    assertThat(providerB.body()).doesNotContain("Shared");
  }

  @Test
  void aConditionalCreateRevealsNothingOfADeniedPatient() throws Exception {
    String system = RealmTokens.client("provider-a", "provider-a-demo-secret", "system/*.cruds");
    String marker = "urn:sihha:it:conditional|" + System.nanoTime();
    Observation hidden = observation(patient, "private glucose");
    hidden.addIdentifier().setSystem(marker.split("\\|")[0]).setValue(marker.split("\\|")[1]);
    String hiddenId = FhirRequests.created(fhir.post("/Observation", hidden, system));

    String physician = RealmTokens.user("physician-a");
    String visible = FhirRequests.created(fhir.post("/Patient", patient("Visible"), physician));
    Observation attempt = observation(visible, "glucose");
    attempt.addIdentifier().setSystem(marker.split("\\|")[0]).setValue(marker.split("\\|")[1]);
    HttpResponse<String> created = fhir.post("/Observation", attempt, physician,
        Map.of("If-None-Exist", "identifier=" + marker));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location").orElseThrow()).doesNotContain("/" + hiddenId + "/");
    assertThat(created.body()).doesNotContain("private glucose").doesNotContain(patient);

    HttpResponse<String> again = fhir.post("/Observation", attempt, physician,
        Map.of("If-None-Exist", "identifier=" + marker + "&subject=Patient/" + visible));
    assertThat(again.statusCode()).as("a match the physician may see is found as usual").isEqualTo(200);
    assertThat(get("/Observation/" + hiddenId, physician, "checking a conditional create " + System.nanoTime()).body())
        .as("the hidden record is untouched").contains("private glucose");
  }

  private static Observation observation(String patient, String text) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
    observation.getCode().setText(text);
    observation.setSubject(new Reference("Patient/" + patient));
    return observation;
  }

  private static Patient patient(String family) {
    Patient patient = new Patient();
    patient.addName().setFamily(family).addGiven("Consent");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    return patient;
  }

  private HttpResponse<String> get(String path, String token, String reason) throws Exception {
    return fhir.get(path, token, reason == null ? Map.of() : Map.of(REASON_HEADER, reason));
  }
}
