package health.sihha.hie.provider.personnel;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import health.sihha.hie.provider.security.RealmTokens;
import health.sihha.hie.provider.security.SecuredProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationDispense.MedicationDispenseStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The staff's accounts against the real realm: the shared {@link SecuredProvider} (profile {@code keycloak})
 * provisions them as its service account {@code provider-a}; the test looks at them through the admin API as the
 * same service account, and logs in as the new practitioners through the test-only {@code sihha-dev-cli} client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonnelIdentityIT {

  private static final String STAFF_ID = "https://sihha.health/fhir/sid/staff-id";

  private final FhirContext fhirContext = FhirContext.forR4Cached();
  private final HttpClient http = HttpClient.newHttpClient();
  private String base;
  private String admin;
  private Keycloak keycloak;

  @BeforeAll
  void start() throws Exception {
    base = SecuredProvider.fhirBase();
    admin = RealmTokens.user("facility-admin-a");
    keycloak = KeycloakBuilder.builder().serverUrl(SharedKeycloak.baseUrl()).realm(SharedKeycloak.REALM)
        .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(SecuredProvider.FACILITY)
        .clientSecret(SecuredProvider.FACILITY + "-demo-secret").build();
  }

  @AfterAll
  void close() {
    keycloak.close();
  }

  @Test
  void aPharmacistsRoleProvisionsAnAccountThatLogsInAndDispenses() throws Exception {
    String staffId = "PH-" + System.nanoTime();
    Practitioner practitioner = practitioner(staffId, "Nadia", "Haddad");
    practitioner.addTelecom().setSystem(ContactPointSystem.EMAIL).setValue(staffId.toLowerCase(Locale.ROOT)
        + "@provider-a.example");
    String id = created(post("/Practitioner", practitioner));
    String username = "provider-a." + staffId.toLowerCase(Locale.ROOT);
    assertThat(keycloak.realm(SharedKeycloak.REALM).users().searchByUsername(username, true))
        .as("no realm role yet, no account").isEmpty();

    created(post("/PractitionerRole", role(id, StaffRoles.HL7_ROLE_SYSTEM, "pharmacist")));

    UserRepresentation user = user(username);
    assertThat(user.isEnabled()).isTrue();
    assertThat(user.getFirstName()).isEqualTo("Nadia");
    assertThat(user.getLastName()).isEqualTo("Haddad");
    assertThat(user.getEmail()).isEqualTo(staffId.toLowerCase(Locale.ROOT) + "@provider-a.example");
    assertThat(user.getAttributes()).containsEntry("practitioner", List.of(id)).doesNotContainKey("facility");
    assertThat(roles(username)).contains("pharmacist").doesNotContain("physician", "nurse");

    JWTClaimsSet claims = SignedJWT.parse(login(username)).getJWTClaimsSet();
    assertThat(claims.getStringClaim("fhirUser")).isEqualTo("Practitioner/" + id);
    assertThat(claims.getStringListClaim("roles")).contains("pharmacist");
    assertThat(claims.getStringClaim("facility")).as("from the facility group it was created in")
        .isEqualTo("provider-a");
    assertThat(claims.getAudience()).containsExactly(SecuredProvider.AUDIENCE, "http://127.0.0.1:8090/fhir");

    String pharmacist = login(username);
    String patient = created(post("/Patient", patient(), pharmacist));
    MedicationDispense dispense = new MedicationDispense().setStatus(MedicationDispenseStatus.INPROGRESS)
        .setSubject(new Reference("Patient/" + patient))
        .setQuantity(new Quantity().setValue(10).setUnit("tablet").setSystem("http://unitsofmeasure.org")
            .setCode("{tbl}"));
    dispense.getMedicationCodeableConcept().setText("Paracetamol 500 mg oral tablet");
    created(post("/MedicationDispense", dispense, pharmacist));
  }

  @Test
  void rolesFollowThePractitionerRolesAndAnInactivePractitionerIsDisabled() throws Exception {
    String staffId = "NU-" + System.nanoTime();
    String id = created(post("/Practitioner", practitioner(staffId, "Omar", "Saidi")));
    String username = "provider-a." + staffId.toLowerCase(Locale.ROOT);
    created(post("/PractitionerRole", role(id, StaffRoles.HL7_ROLE_SYSTEM, "nurse")));
    PractitionerRole lab = role(id, StaffRoles.STAFF_ROLE_SYSTEM, "lab-technician");
    lab.setId(created(post("/PractitionerRole", lab)));
    assertThat(roles(username)).contains("nurse", "lab-technician");

    lab.setActive(false);
    ok(put("/PractitionerRole/" + lab.getIdElement().getIdPart(), lab));
    assertThat(roles(username)).contains("nurse").doesNotContain("lab-technician");
    assertThat(login(username)).isNotBlank();

    Practitioner leaving = practitioner(staffId, "Omar", "Saidi").setActive(false);
    leaving.setId(id);
    ok(put("/Practitioner/" + id, leaving));
    assertThat(user(username).isEnabled()).isFalse();
    assertThat(refusedLogin(username)).isEqualTo(400);
  }

  @Test
  void deactivationDisablesTheAccount() throws Exception {
    String staffId = "DA-" + System.nanoTime();
    String id = created(post("/Practitioner", practitioner(staffId, "Leila", "Khoury")));
    String username = "provider-a." + staffId.toLowerCase(Locale.ROOT);
    created(post("/PractitionerRole", role(id, StaffRoles.STAFF_ROLE_SYSTEM, "physician")));
    assertThat(login(username)).isNotBlank();

    HttpResponse<String> deactivated = http.send(HttpRequest.newBuilder(URI.create(base + "/Practitioner/" + id
        + "/$deactivate")).header("Authorization", "Bearer " + admin).header("Accept", "application/fhir+json")
        .POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());
    assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);

    assertThat(user(username).isEnabled()).isFalse();
    assertThat(roles(username)).doesNotContain("physician");
    assertThat(refusedLogin(username)).isEqualTo(400);
  }

  private UserRepresentation user(String username) {
    List<UserRepresentation> found = keycloak.realm(SharedKeycloak.REALM).users().searchByUsername(username, true);
    assertThat(found).as("account " + username).hasSize(1);
    return found.get(0);
  }

  private List<String> roles(String username) {
    UserResource user = keycloak.realm(SharedKeycloak.REALM).users().get(user(username).getId());
    return user.roles().realmLevel().listAll().stream().map(RoleRepresentation::getName).toList();
  }

  /** A token of the new account, its password set through the admin API (to its user name, as the demo users). */
  private String login(String username) throws Exception {
    setPassword(username);
    return RealmTokens.user(username);
  }

  private int refusedLogin(String username) throws Exception {
    setPassword(username);
    String form = "grant_type=password&client_id=sihha-dev-cli&username=" + enc(username) + "&password="
        + enc(username);
    return http.send(HttpRequest.newBuilder(URI.create(SharedKeycloak.tokenEndpoint()))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form)).build(),
        BodyHandlers.ofString()).statusCode();
  }

  private void setPassword(String username) {
    CredentialRepresentation password = new CredentialRepresentation();
    password.setType(CredentialRepresentation.PASSWORD);
    password.setValue(username);
    password.setTemporary(false);
    keycloak.realm(SharedKeycloak.REALM).users().get(user(username).getId()).resetPassword(password);
  }

  private static Practitioner practitioner(String staffId, String given, String family) {
    Practitioner practitioner = new Practitioner().setActive(true);
    practitioner.addIdentifier().setSystem(STAFF_ID).setValue(staffId);
    practitioner.addName().setFamily(family).addGiven(given);
    return practitioner;
  }

  private static PractitionerRole role(String practitioner, String system, String code) {
    PractitionerRole role = new PractitionerRole().setActive(true)
        .setPractitioner(new Reference("Practitioner/" + practitioner));
    role.addCode().addCoding().setSystem(system).setCode(code);
    return role;
  }

  private static Patient patient() {
    Patient patient = new Patient();
    patient.addName().setFamily("Dispensed").addGiven("Identity");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    return patient;
  }

  private HttpResponse<String> post(String path, IBaseResource resource) throws Exception {
    return post(path, resource, admin);
  }

  private HttpResponse<String> post(String path, IBaseResource resource, String token) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
        .POST(BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(resource))));
  }

  private HttpResponse<String> put(String path, IBaseResource resource) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + admin)
        .PUT(BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(resource))));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
        .build(), BodyHandlers.ofString());
  }

  private static String created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JsonPath.read(response.body(), "$.id");
  }

  private static void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
