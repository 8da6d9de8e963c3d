package health.sihha.hie.interceptors.security;

import static health.sihha.hie.interceptors.security.SmartAuthorizationInterceptorTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.test.utilities.server.HashMapResourceProviderExtension;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClinicalRolePolicyTest {

  private static final TestTokens TOKENS = new TestTokens();
  private static final String WRITE_ALL = "user/*.cruds";

  @RegisterExtension
  @Order(0)
  static final RestfulServerExtension server = new RestfulServerExtension(FhirContext.forR4Cached())
      .withServer(s -> s.registerInterceptor(new SmartAuthorizationInterceptor(
          new SmartGrants(TOKENS.verifier()), TestTokens.FACILITY, new ClinicalRolePolicy())))
      .keepAliveBetweenTests();

  @RegisterExtension
  @Order(1)
  final HashMapResourceProviderExtension<Encounter> encounters =
      new HashMapResourceProviderExtension<>(server, Encounter.class);

  @RegisterExtension
  @Order(2)
  final HashMapResourceProviderExtension<MedicationDispense> dispenses =
      new HashMapResourceProviderExtension<>(server, MedicationDispense.class);

  @RegisterExtension
  @Order(3)
  final HashMapResourceProviderExtension<Observation> observations =
      new HashMapResourceProviderExtension<>(server, Observation.class);

  @RegisterExtension
  @Order(4)
  final HashMapResourceProviderExtension<DiagnosticReport> reports =
      new HashMapResourceProviderExtension<>(server, DiagnosticReport.class);

  @RegisterExtension
  @Order(5)
  final HashMapResourceProviderExtension<Practitioner> practitioners =
      new HashMapResourceProviderExtension<>(server, Practitioner.class);

  @Test
  void aNurseMayNotDischarge() {
    encounters.store(inpatient("e1", Encounter.EncounterStatus.INPROGRESS));
    String nurse = TOKENS.token(WRITE_ALL, null, "nurse");

    HttpResponse<String> discharge = put("/Encounter/e1", nurse, inpatient("e1", Encounter.EncounterStatus.FINISHED));
    assertThat(discharge.statusCode()).isEqualTo(403);
    assertThat(discharge.body()).contains("OperationOutcome").contains("SIHHA-1032");
    assertThat(encounters.read(new IdType("Encounter/e1"), null).getStatus())
        .isEqualTo(Encounter.EncounterStatus.INPROGRESS);

    assertThat(put("/Encounter/e1", nurse, inpatient("e1", Encounter.EncounterStatus.ONLEAVE)).statusCode())
        .isEqualTo(200);
    String physician = TOKENS.token(WRITE_ALL, null, "physician");
    assertThat(put("/Encounter/e1", physician, inpatient("e1", Encounter.EncounterStatus.FINISHED)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void onlyAPhysicianEndsOrDeletesAHospitalization() {
    String nurse = TOKENS.token(WRITE_ALL, null, "nurse");
    String admin = TOKENS.token(WRITE_ALL, null, "facility-admin");
    for (Encounter.EncounterStatus end : List.of(Encounter.EncounterStatus.ENTEREDINERROR,
        Encounter.EncounterStatus.CANCELLED, Encounter.EncounterStatus.FINISHED)) {
      encounters.store(inpatient("e2", Encounter.EncounterStatus.INPROGRESS));
      HttpResponse<String> ended = put("/Encounter/e2", nurse, inpatient("e2", end));
      assertThat(ended.statusCode()).as(end.toCode()).isEqualTo(403);
      assertThat(ended.body()).contains("SIHHA-1032");
      assertThat(put("/Encounter/e2", admin, inpatient("e2", end)).statusCode()).isEqualTo(403);
    }
    Encounter relabelled = inpatient("e2", Encounter.EncounterStatus.FINISHED);
    relabelled.getClass_().setCode("AMB");
    assertThat(put("/Encounter/e2", nurse, relabelled).statusCode()).isEqualTo(403);
    assertThat(Requests.send("DELETE", server.getBaseUrl() + "/Encounter/e2", nurse, null).statusCode())
        .isEqualTo(403);
    assertThat(encounters.read(new IdType("Encounter/e2"), null).getStatus())
        .isEqualTo(Encounter.EncounterStatus.INPROGRESS);
    assertThat(Requests.send("DELETE", server.getBaseUrl() + "/Encounter/e2",
        TOKENS.token(WRITE_ALL, null, "physician"), null).statusCode()).isEqualTo(204);
  }

  @Test
  void aNurseNeitherChangesNorDeletesAReleasedResultAndNobodyDeletesOne() {
    Observation released = observation(Observation.ObservationStatus.FINAL);
    released.setId("o9");
    observations.store(released);
    String nurse = TOKENS.token(WRITE_ALL, null, "nurse");
    Observation downgraded = observation(Observation.ObservationStatus.PRELIMINARY);
    downgraded.setId("o9");
    HttpResponse<String> changed = put("/Observation/o9", nurse, downgraded);
    assertThat(changed.statusCode()).isEqualTo(403);
    assertThat(changed.body()).contains("SIHHA-1031");
    for (String role : List.of("nurse", "lab-technician", "physician")) {
      HttpResponse<String> deleted = Requests.send("DELETE", server.getBaseUrl() + "/Observation/o9",
          TOKENS.token(WRITE_ALL, null, role), null);
      assertThat(deleted.statusCode()).as(role).isEqualTo(403);
      assertThat(deleted.body()).contains("SIHHA-1034");
    }
    Observation amended = observation(Observation.ObservationStatus.AMENDED);
    amended.setId("o9");
    assertThat(put("/Observation/o9", TOKENS.token(WRITE_ALL, null, "lab-technician"), amended).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aNurseDoesNotDeleteADispense() {
    MedicationDispense stored = dispense();
    stored.setId("d9");
    dispenses.store(stored);
    HttpResponse<String> deleted = Requests.send("DELETE", server.getBaseUrl() + "/MedicationDispense/d9",
        TOKENS.token(WRITE_ALL, null, "nurse"), null);
    assertThat(deleted.statusCode()).isEqualTo(403);
    assertThat(deleted.body()).contains("SIHHA-1030");
    assertThat(Requests.send("DELETE", server.getBaseUrl() + "/MedicationDispense/d9",
        TOKENS.token(WRITE_ALL, null, "pharmacist"), null).statusCode()).isEqualTo(204);
  }

  @Test
  void onlyAPharmacistDispenses() {
    HttpResponse<String> byNurse = post("/MedicationDispense", TOKENS.token(WRITE_ALL, null, "nurse"), dispense());
    assertThat(byNurse.statusCode()).isEqualTo(403);
    assertThat(byNurse.body()).contains("SIHHA-1030");

    assertThat(post("/MedicationDispense", TOKENS.token(WRITE_ALL, null, "pharmacist"), dispense()).statusCode())
        .isEqualTo(201);
    assertThat(dispenses.getStoredResources()).hasSize(1);
  }

  @Test
  void onlyATechnicianOrPhysicianReleasesAResult() {
    String nurse = TOKENS.token(WRITE_ALL, null, "nurse");
    HttpResponse<String> byNurse = post("/Observation", nurse, observation(Observation.ObservationStatus.FINAL));
    assertThat(byNurse.statusCode()).isEqualTo(403);
    assertThat(byNurse.body()).contains("SIHHA-1031");
    assertThat(post("/Observation", nurse, observation(Observation.ObservationStatus.AMENDED)).statusCode())
        .isEqualTo(403);
    assertThat(post("/Observation", nurse, observation(Observation.ObservationStatus.PRELIMINARY)).statusCode())
        .isEqualTo(201);

    String technician = TOKENS.token(WRITE_ALL, null, "lab-technician");
    assertThat(post("/Observation", technician, observation(Observation.ObservationStatus.FINAL)).statusCode())
        .isEqualTo(201);
    DiagnosticReport report = new DiagnosticReport().setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
    assertThat(post("/DiagnosticReport", technician, report).statusCode()).isEqualTo(201);
    assertThat(post("/DiagnosticReport", nurse, report).statusCode()).isEqualTo(403);
  }

  @Test
  void onlyAFacilityAdministratorManagesPersonnel() {
    Practitioner practitioner = new Practitioner();
    practitioner.addName().setFamily("Haddad");
    HttpResponse<String> byPhysician = post("/Practitioner", TOKENS.token(WRITE_ALL, null, "physician"), practitioner);
    assertThat(byPhysician.statusCode()).isEqualTo(403);
    assertThat(byPhysician.body()).contains("SIHHA-1033");
    assertThat(post("/Practitioner", TOKENS.token(WRITE_ALL, null, "facility-admin"), practitioner).statusCode())
        .isEqualTo(201);

    practitioners.store((Practitioner) practitioner.copy().setId("pr1"));
    assertThat(Requests.send("DELETE", server.getBaseUrl() + "/Practitioner/pr1", TOKENS.token(WRITE_ALL, null,
        "nurse"), null).statusCode()).isEqualTo(403);
  }

  @Test
  void serviceAccountsBypassRolesButNotScopes() {
    String system = TOKENS.sign(TOKENS.claims("system/*.cruds").claim("roles", List.of("system")));
    assertThat(post("/MedicationDispense", system, dispense()).statusCode()).isEqualTo(201);
    assertThat(post("/Observation", system, observation(Observation.ObservationStatus.FINAL)).statusCode())
        .isEqualTo(201);

    String readOnly = TOKENS.sign(TOKENS.claims("system/*.rs").claim("roles", List.of("system")));
    assertThat(post("/MedicationDispense", readOnly, dispense()).statusCode()).isEqualTo(403);
  }

  @Test
  void rolesOnlyTakeAwayWhatScopesGrant() {
    String pharmacistReading = TOKENS.token("user/MedicationDispense.rs", null, "pharmacist");
    assertThat(post("/MedicationDispense", pharmacistReading, dispense()).statusCode()).isEqualTo(403);
  }

  private static Encounter inpatient(String id, Encounter.EncounterStatus status) {
    Encounter encounter = new Encounter();
    encounter.setId(id);
    encounter.setStatus(status);
    encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
    encounter.setSubject(new Reference("Patient/p1"));
    return encounter;
  }

  private static MedicationDispense dispense() {
    MedicationDispense dispense = new MedicationDispense();
    dispense.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
    dispense.setSubject(new Reference("Patient/p1"));
    return dispense;
  }

  private static Observation observation(Observation.ObservationStatus status) {
    Observation observation = new Observation();
    observation.setStatus(status);
    observation.getCode().addCoding(new Coding("http://loinc.org", "2345-7", "Glucose"));
    observation.setSubject(new Reference("Patient/p1"));
    return observation;
  }

  private static HttpResponse<String> post(String path, String token, IBaseResource resource) {
    return Requests.send("POST", server.getBaseUrl() + path, token, json(resource));
  }

  private static HttpResponse<String> put(String path, String token, IBaseResource resource) {
    return Requests.send("PUT", server.getBaseUrl() + path, token, json(resource));
  }
}
