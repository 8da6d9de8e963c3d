package health.sihha.hie.provider.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationStatus;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The provider as an OAuth2 resource server (profile {@code keycloak}) against the real Keycloak realm: the provider
 * jar in its own JVM, tokens from the realm's demo users (password grant of the test-only {@code sihha-dev-cli}
 * client) and from the {@code provider-a} service account (client credentials).
 *
 * <p>The provider is the shared {@link SecuredProvider}, which takes tokens for provider-a's demo FHIR base.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderSecurityIT {

  private static final String AUDIENCE = SecuredProvider.AUDIENCE;
  private static final String BED_STATUS = "http://terminology.hl7.org/CodeSystem/v2-0116";
  private static final String PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";
  private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

  private FhirRequests fhir;

  @BeforeAll
  void startProvider() {
    fhir = new FhirRequests(SecuredProvider.fhirBase());
  }

  @Test
  void withoutATokenTheAnswerIs401WithABearerChallenge() throws Exception {
    HttpResponse<String> response = fhir.get("/Patient", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(response.body()).contains("SIHHA-1010");
  }

  @Test
  void garbageAndForgedTokensAre401() throws Exception {
    HttpResponse<String> garbage = fhir.get("/Patient", "not-a-jwt");
    assertThat(garbage.statusCode()).isEqualTo(401);
    assertThat(garbage.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");

    RSAKey attacker = new RSAKeyGenerator(2048).keyID("sihha-forged").generate();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).build(),
        new JWTClaimsSet.Builder().issuer(SharedKeycloak.realmUrl()).audience(AUDIENCE).subject("mallory")
            .claim("scope", "system/*.cruds").claim("roles", List.of("system"))
            .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
    forged.sign(new RSASSASigner(attacker));
    HttpResponse<String> refused = fhir.get("/Patient", forged.serialize());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
  }

  @Test
  void realmTokensThatAreExpiredOfAnotherIssuerOrForAnotherAudienceAre401() throws Exception {
    String expiring = RealmTokens.expiring("nurse-a");
    assertThat(fhir.get("/Patient?_count=1", expiring).statusCode()).isEqualTo(200);
    Thread.sleep(2_500); // one-second lifespan plus the provider's one-second clock skew
    HttpResponse<String> expired = fhir.get("/Patient?_count=1", expiring);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");

    HttpResponse<String> otherIssuer = fhir.get("/Patient?_count=1", RealmTokens.fromLocalhostIssuer("nurse-a"));
    assertThat(otherIssuer.statusCode()).isEqualTo(401);
    assertThat(otherIssuer.body()).contains("SIHHA-1011");
    HttpResponse<String> otherAudience = fhir.get("/Patient?_count=1", RealmTokens.idToken("nurse-a"));
    assertThat(otherAudience.statusCode()).isEqualTo(401);
    assertThat(otherAudience.body()).contains("SIHHA-1011");
  }

  @Test
  void extendedOperationsNeedTheirScopeAndTheWritesBehindThemTheRole() throws Exception {
    String admin = RealmTokens.user("facility-admin-a");
    String nurse = RealmTokens.user("nurse-a");
    assertThat(fhir.get("/Location/$census", admin).statusCode()).isEqualTo(200);
    assertThat(fhir.get("/Medication/$stock", nurse).statusCode()).isEqualTo(200);
    assertThat(fhir.get("/Location/$census", RealmTokens.user("nurse-a", "openid user/Patient.cruds")).statusCode())
        .as("no scope on Location").isEqualTo(403);

    Practitioner practitioner = new Practitioner().setActive(true);
    practitioner.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue(String.valueOf(System.nanoTime()));
    practitioner.addName().setFamily("Leaving").addGiven("Security");
    String leaving = FhirRequests.created(fhir.post("/Practitioner", practitioner, admin));
    HttpResponse<String> byNurse = fhir.post("/Practitioner/" + leaving + "/$deactivate", new Parameters(), nurse);
    assertThat(byNurse.statusCode()).isEqualTo(403);
    assertThat(byNurse.body()).contains("SIHHA-1033");
    assertThat(fhir.post("/Practitioner/" + leaving + "/$deactivate", new Parameters(), admin).statusCode()).isEqualTo(200);
    assertThat((Boolean) JsonPath.read(fhir.get("/Practitioner/" + leaving, nurse).body(), "$.active")).isFalse();
  }

  @Test
  void aPatientTokenOfARealLaunchReachesOnlyItsPatient() throws Exception {
    String system = RealmTokens.client("provider-a", "provider-a-demo-secret", "system/*.cruds");
    Patient own = patient("Launched");
    own.setId("example-a"); // nurse-a's launch patient in the realm
    assertThat(fhir.put("/Patient/example-a", own, system).statusCode()).isIn(200, 201);
    String other = FhirRequests.created(fhir.post("/Patient", patient("Elsewhere"), system));
    String ownStay = FhirRequests.created(fhir.post("/Encounter", hospitalization("example-a", EncounterStatus.INPROGRESS), system));
    String otherStay = FhirRequests.created(fhir.post("/Encounter", hospitalization(other, EncounterStatus.INPROGRESS), system));

    String token = RealmTokens.launch("nurse-a", "openid launch/patient patient/*.rs", AUDIENCE);
    assertThat(fhir.get("/Patient/example-a", token).statusCode()).isEqualTo(200);
    assertThat(fhir.get("/Encounter/" + ownStay, token).statusCode()).isEqualTo(200);
    HttpResponse<String> ownSearch = fhir.get("/Encounter?patient=Patient/example-a&_include=Encounter:subject", token);
    assertThat(ownSearch.statusCode()).isEqualTo(200);
    assertThat(JsonPath.<List<String>>read(ownSearch.body(), "$.entry[*].resource.id")).contains(ownStay, "example-a");
    assertThat(fhir.get("/Patient/example-a/$everything", token).statusCode()).isEqualTo(200);

    assertThat(fhir.get("/Patient/" + other, token).statusCode()).as("read").isEqualTo(403);
    assertThat(fhir.get("/Encounter/" + otherStay, token).statusCode()).as("read in another compartment").isEqualTo(403);
    assertThat(fhir.get("/Encounter?patient=Patient/" + other, token).statusCode()).as("search").isEqualTo(403);
    assertThat(fhir.get("/Encounter?status=in-progress", token).statusCode()).as("search not naming the patient")
        .isEqualTo(403);
    assertThat(fhir.get("/Patient/" + other + "/$everything", token).statusCode()).as("$everything").isEqualTo(403);
    assertThat(fhir.get("/Patient/" + other + "/_history", token).statusCode()).as("history").isEqualTo(403);

    Observation pointing = new Observation().setStatus(Observation.ObservationStatus.PRELIMINARY);
    pointing.getCode().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate"));
    pointing.setSubject(new Reference("Patient/example-a")).addFocus(new Reference("Patient/" + other));
    FhirRequests.created(fhir.post("/Observation", pointing, system));
    assertThat(fhir.get("/Observation?patient=Patient/example-a&_include=Observation:focus", token).statusCode())
        .as("_include of another patient").isEqualTo(403);
  }

  @Test
  void metadataAndSmartDiscoveryAreOpen() throws Exception {
    HttpResponse<String> metadata = fhir.get("/metadata", null);
    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(metadata.body()).contains("SMART-on-FHIR").contains(SharedKeycloak.tokenEndpoint());
    HttpResponse<String> smart = fhir.get("/.well-known/smart-configuration", null);
    assertThat(smart.statusCode()).isEqualTo(200);
    assertThat((String) JsonPath.read(smart.body(), "$.token_endpoint")).isEqualTo(SharedKeycloak.tokenEndpoint());
    assertThat((String) JsonPath.read(smart.body(), "$.issuer")).isEqualTo(SharedKeycloak.realmUrl());
  }

  @Test
  void theFacilityAdminBuildsAWardAndTheNurseAdmitsToItsBed() throws Exception {
    String admin = RealmTokens.user("facility-admin-a");
    String organization = FhirRequests.created(fhir.post("/Organization", new Organization().setName("Security IT hospital"), admin));
    Location ward = location("Ward S", "wa", null);
    ward.setManagingOrganization(new Reference("Organization/" + organization));
    String wardId = FhirRequests.created(fhir.post("/Location", ward, admin));
    Location bedResource = location("Bed S1", "bd", wardId);
    bedResource.setOperationalStatus(new Coding(BED_STATUS, "U", null));
    String bed = FhirRequests.created(fhir.post("/Location", bedResource, admin));

    String nurse = RealmTokens.user("nurse-a");
    String patient = FhirRequests.created(fhir.post("/Patient", patient("Admitted"), nurse));
    assertThat(fhir.post("/Location", location("Bed by a nurse", "bd", wardId), nurse).statusCode())
        .as("only a facility administrator changes Locations").isEqualTo(403);
    Encounter stay = hospitalization(patient, EncounterStatus.INPROGRESS);
    stay.addLocation().setLocation(new Reference("Location/" + bed)).setStatus(EncounterLocationStatus.ACTIVE);
    FhirRequests.created(fhir.post("/Encounter", stay, nurse));
    HttpResponse<String> bedNow = fhir.get("/Location/" + bed, nurse);
    assertThat(bedNow.statusCode()).isEqualTo(200);
    assertThat((String) JsonPath.read(bedNow.body(), "$.operationalStatus.code"))
        .as("the server's own bed update is not refused for the nurse's lack of a Location right").isEqualTo("O");
  }

  @Test
  void theNurseReadsAndSearchesPatientsButDoesNotDischarge() throws Exception {
    String nurse = RealmTokens.user("nurse-a");
    String patient = FhirRequests.created(fhir.post("/Patient", patient("Readable"), nurse));
    HttpResponse<String> read = fhir.get("/Patient/" + patient, nurse);
    assertThat(read.statusCode()).isEqualTo(200);
    HttpResponse<String> search = fhir.get("/Patient?family=Readable", nurse);
    assertThat(search.statusCode()).isEqualTo(200);
    assertThat((Integer) JsonPath.read(search.body(), "$.entry.length()")).isPositive();

    HttpResponse<String> discharge = fhir.post("/Encounter", hospitalization(patient, EncounterStatus.FINISHED), nurse);
    assertThat(discharge.statusCode()).isEqualTo(403);
    assertThat(discharge.body()).contains("SIHHA-1032");
    FhirRequests.created(fhir.post("/Encounter", hospitalization(patient, EncounterStatus.FINISHED), RealmTokens.user("physician-a")));
  }

  @Test
  void anotherFacilitysUsersTokenIsNotForThisServer() throws Exception {
    // nurse-b's tokens name provider-b's server (and the terminology), never this one
    HttpResponse<String> refused = fhir.get("/Patient?family=Readable", RealmTokens.user("nurse-b"));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
  }

  private static Patient patient(String family) {
    Patient patient = new Patient();
    patient.addName().setFamily(family).addGiven("Security");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    return patient;
  }

  private static Location location(String name, String physicalType, String partOf) {
    Location location = new Location().setName(name);
    location.setPhysicalType(new CodeableConcept(new Coding(PHYSICAL_TYPE, physicalType, null)));
    if (partOf != null) {
      location.setPartOf(new Reference("Location/" + partOf));
    }
    return location;
  }

  private static Encounter hospitalization(String patient, EncounterStatus status) {
    return new Encounter().setStatus(status).setClass_(new Coding(ACT_CODE, "IMP", "inpatient encounter"))
        .setSubject(new Reference("Patient/" + patient));
  }
}
